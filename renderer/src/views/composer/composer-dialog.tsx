import { Dialog } from '../../components/dialog.js';
import { useStore } from '../../store/store.js';
import { ComposerForm } from './composer-form.js';

/** The "New task" dialog (⌘/Ctrl+N); Esc closes it, dispatching opens the new task's thread. */
export function ComposerDialog() {
  const closeComposer = useStore((state) => state.closeComposer);
  const selectTask = useStore((state) => state.selectTask);
  return (
    <Dialog title="New task" onClose={closeComposer} testId="composer">
      <ComposerForm
        onDispatched={(tasks) => {
          closeComposer();
          const first = tasks[0];
          if (first) selectTask(first.id);
        }}
      />
    </Dialog>
  );
}
