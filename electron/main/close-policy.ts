/** What the user chose when closing the window while agents work. */
export type CloseChoice = 'background' | 'stop' | 'cancel';

const choices: readonly CloseChoice[] = ['background', 'stop', 'cancel'];

/** The question shown (dialog.showMessageBox) when the window closes while tasks are active. */
export function closeQuestion(activeTasks: number, platform: NodeJS.Platform) {
  const where = platform === 'darwin' ? 'the Dock' : 'the tray icon';
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
