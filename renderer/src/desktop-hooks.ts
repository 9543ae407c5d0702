import { desktopBridge } from './transport/desktop.js';
import { useStore } from './store/store.js';

/**
 * In the desktop app: a clicked task notification opens that task, a clicked notification of several inbox runs
 * opens the inbox, and the app menu's New Task and Add Repository do what the buttons do. Returns the unsubscribe
 * function (a no-op in a browser).
 */
export function followDesktop(): () => void {
  const desktop = desktopBridge();
  if (!desktop) return () => undefined;
  const stopOpenTask = desktop.onOpenTask(({ taskId }) => {
    const state = useStore.getState();
    state.closeComposer();
    // Desktop notifications are about this machine's tasks: come back from a remote host to show one.
    if (state.activeHost !== null) return state.switchHost(null, taskId);
    state.selectTask(taskId);
  });
  const stopMenu = desktop.onMenuCommand((command) => {
    const state = useStore.getState();
    switch (command) {
      case 'newTask':
        if (state.repos.length > 0) state.openComposer();
        else state.setAddingRepo(true);
        return;
      case 'addRepository':
        state.closeComposer();
        state.setAddingRepo(true);
        return;
      case 'openInbox':
        state.closeComposer();
        state.showView('inbox');
        return;
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  });
  return () => {
    stopOpenTask();
    stopMenu();
  };
}
