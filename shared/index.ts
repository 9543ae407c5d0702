/** The contract between the engine and its clients: plain data and schemas only. */
export * from './commands.js';
export * from './diff.js';
export * from './errors.js';
export * from './events.js';
export * from './protocol.js';
export * from './repo.js';
export * from './task.js';
export * from './reduce-task.js';
