import { memo, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { maxTitleLength } from '../../../../shared/limits.js';
import { ErrorText } from '../../components/error-text.js';
import { TaskMeta } from '../../components/task-meta.js';
import { useTaskFields } from '../../components/task-fields.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { RowMenu, type MenuAnchor, type MenuItem } from './row-menu.js';
import type { RowPlace } from './sidebar-list.js';

/**
 * One task in the sidebar: title, live status, the agent's working time and cost; opens the thread on click.
 * Its menu (the ⋯ button on hover or focus, right-click, or the context-menu key / Shift+F10)
 * renames it in place, archives or unarchives it, and deletes it through the discard dialog.
 */
export const TaskRow = memo(function TaskRow({
  taskId,
  shortcut,
  grouped,
  index,
  measure,
}: {
  taskId: string;
  shortcut: number | null;
  grouped: boolean;
} & RowPlace) {
  const task = useTaskFields(taskId);
  const selected = useStore((state) => state.view === 'task' && state.selectedTaskId === taskId);
  const selectTask = useStore((state) => state.selectTask);
  const archiveTask = useStore((state) => state.archiveTask);
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const renaming = useStore((state) => state.renameDraft?.taskId === taskId);
  const startRename = useStore((state) => state.startRename);
  const setDiscarding = useStore((state) => state.setDiscardingTask);
  const [error, setError] = useState<string | null>(null);
  const row = useRef<HTMLButtonElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  if (!task) return null;

  const items: MenuItem[] = [
    { label: 'Rename', run: () => startRename(task.id, task.title) },
    {
      label: task.archived ? 'Unarchive' : 'Archive',
      run: () => {
        setError(null);
        archiveTask(task.id, !task.archived).catch((failure: unknown) => setError(errorText(failure)));
      },
    },
    { label: 'Delete…', run: () => setDiscarding(task.id), disabled: task.status === 'discarded', danger: true },
  ];
  const onRowKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      setMenu({ element: menuButton.current ?? event.currentTarget });
    } else if (event.key === 'F2') {
      event.preventDefault();
      startRename(task.id, task.title);
    }
  };

  return (
    <li ref={measure} data-index={index} className={`task-row-item${menu ? ' menu-open' : ''}`}>
      {renaming ? (
        <RenameField
          taskId={task.id}
          title={task.title}
          grouped={grouped}
          onDone={() => requestAnimationFrame(() => row.current?.focus())}
        />
      ) : (
        <button
          ref={row}
          type="button"
          className={`task-row${grouped ? ' grouped' : ''}${selected ? ' selected' : ''}`}
          data-testid="task-row"
          data-task-id={task.id}
          data-status={task.status}
          aria-current={selected ? 'page' : undefined}
          title={task.prompt}
          onClick={() => selectTask(task.id)}
          onKeyDown={onRowKey}
          onContextMenu={(event) => {
            event.preventDefault();
            setMenu({ x: event.clientX, y: event.clientY });
          }}
        >
          <span className="task-row-title">
            {task.title}
            {shortcut !== null && (
              <kbd className="shortcut-hint" aria-hidden="true">
                {shortcut}
              </kbd>
            )}
          </span>
          <span className="task-row-meta">
            <TaskMeta task={task} showAgent={grouped} />
          </span>
        </button>
      )}
      {!renaming && (
        <button
          ref={menuButton}
          type="button"
          className="icon-button row-menu-button"
          aria-label={`Actions for ${task.title}`}
          aria-haspopup="menu"
          aria-expanded={menu !== null}
          data-testid="task-row-menu"
          onClick={(event) => setMenu(menu ? null : { element: event.currentTarget })}
        >
          ⋯
        </button>
      )}
      {menu && (
        <RowMenu
          label={`Actions for ${task.title}`}
          items={items}
          anchor={menu}
          onClose={closeMenu}
          returnFocus={row.current}
        />
      )}
      <ErrorText error={error} testId="task-row-error" />
    </li>
  );
});

/**
 * The title as a text field: Enter or leaving it saves, Esc puts the old title back. What is typed lives in the store
 * (renameDraft), so the field comes back as it was when its row returns to the windowed list.
 */
function RenameField({
  taskId,
  title,
  grouped,
  onDone,
}: {
  taskId: string;
  title: string;
  grouped: boolean;
  onDone(): void;
}) {
  const renameTask = useStore((state) => state.renameTask);
  const text = useStore((state) => state.renameDraft?.text ?? title);
  const setText = useStore((state) => state.setRenameText);
  const endRename = useStore((state) => state.endRename);
  const [error, setError] = useState<string | null>(null);
  const saving = useRef(false);
  const finish = () => {
    endRename();
    onDone();
  };
  const save = async () => {
    if (saving.current) return;
    if (text.trim() === '' || text.trim() === title) {
      finish();
      return;
    }
    saving.current = true;
    try {
      await renameTask(taskId, text);
      finish();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      saving.current = false;
    }
  };
  return (
    <div className={`task-row renaming${grouped ? ' grouped' : ''}`}>
      <input
        className="input small"
        aria-label="Task title"
        data-testid="task-rename-input"
        value={text}
        maxLength={maxTitleLength}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          // The field keeps its keys: Esc must not close a dialog or reach the app shortcuts.
          event.stopPropagation();
          if (event.key === 'Enter') {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            saving.current = true;
            finish();
          }
        }}
      />
      <ErrorText error={error} testId="task-rename-error" />
    </div>
  );
}
