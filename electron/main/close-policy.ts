/** What the user chose when closing the window while agents work. */
export type CloseChoice = 'background' | 'stop' | 'cancel';

const choices: readonly CloseChoice[] = ['background', 'stop', 'cancel'];

/**
 * The question shown (dialog.showMessageBox) when the window closes while tasks are active, or while automations are
 * on (they fire only while Flotilla runs).
 */
export function closeQuestion(activeTasks: number, platform: NodeJS.Platform, automations = 0) {
  const where = platform === 'darwin' ? 'the Dock' : 'the tray icon';
  if (activeTasks === 0) {
    const on = automations === 1 ? '1 automation is' : `${automations} automations are`;
    return {
      type: 'question' as const,
      message: `${on} on.`,
      detail: `Automations start tasks only while Flotilla runs. Keep it running in the background and reopen it from ${where}, or quit and let them wait.`,
      buttons: ['Keep Running in Background', 'Quit', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    };
  }
  const tasks = activeTasks === 1 ? '1 task is' : `${activeTasks} tasks are`;
  return {
    type: 'question' as const,
    message: `${tasks} still working.`,
    detail:
      `Keep them working in the background and reopen Flotilla from ${where}, or stop them now. ` +
      'Stopped tasks keep their thread and worktree; send a message later to resume.',
    buttons: ['Keep Working in Background', 'Stop Tasks and Quit', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
}

/** Maps the dialog's button index to the choice (Escape gives the cancel index). */
export function closeChoice(response: number): CloseChoice {
  return choices[response] ?? 'cancel';
}
