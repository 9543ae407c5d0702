import { formatClock } from '../../components/format.js';
import { useStore } from '../../store/store.js';
import type { ThreadItemOf } from '../../thread/thread-items.js';

const clampLines = 14;
const clampChars = 1_500;

/** The user's message; a long one (a pasted spec, a log) shows its start until opened. */
export function UserMessage({ item, taskId }: { item: ThreadItemOf<'user'>; taskId: string }) {
  const key = `${taskId}/${item.id}`;
  const open = useStore((state) => state.expandedItems[key] === true);
  const toggle = useStore((state) => state.toggleItem);
  const lines = item.text.split('\n');
  const long = lines.length > clampLines || item.text.length > clampChars;
  const shown = !long || open ? item.text : lines.slice(0, clampLines).join('\n').slice(0, clampChars);
  return (
    <div className="message user-message">
      <div className="message-author">
        You <time dateTime={item.at}>{formatClock(item.at)}</time>
      </div>
      <div className={`message-text${long && !open ? ' clamped' : ''}`}>{shown}</div>
      {long && (
        <button type="button" className="button ghost small show-more" aria-expanded={open} onClick={() => toggle(key)}>
          {open ? 'Show less' : `Show all (${lines.length.toLocaleString()} lines)`}
        </button>
      )}
    </div>
  );
}
