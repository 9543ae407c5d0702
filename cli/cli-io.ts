/** Where the CLI reads its environment and writes its output; the launcher passes the real process's. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Folder relative paths are resolved against; the process's cwd by default. */
  cwd?: string;
  /** Standard input, for `flotilla serve --stdio` (the remote end of an ssh link). */
  stdin?: NodeJS.ReadableStream;
  /** The remote host this invocation works on (`--host NAME`), from hosts.json; the local engine when absent. */
  host?: string;
  /** Ends long-running commands (`serve`, `run --wait`) like Ctrl-C does; for embedding and tests. */
  signal?: AbortSignal;
}

/** A mistake in how the CLI was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  /** The help text of the command that was misused. */
  readonly usage: string;

  constructor(message: string, usage: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}

/** Writes text followed by a newline to stdout. */
export function println(io: CliIo, text = ''): void {
  io.stdout.write(`${text}\n`);
}

/** Prints a command's help to stdout and returns exit code 0. */
export function help(io: CliIo, usage: string): number {
  println(io, usage);
  return 0;
}

/** Writes text followed by a newline to stderr. */
export function eprintln(io: CliIo, text = ''): void {
  io.stderr.write(`${text}\n`);
}

/**
 * Resolves when the user interrupts (SIGINT/SIGTERM) or `io.signal` aborts; `dispose` stops listening.
 * Used by commands that run until told to stop.
 */
export function interruption(io: CliIo): { promise: Promise<string>; dispose(): void } {
  let finish: (why: string) => void = () => undefined;
  const promise = new Promise<string>((resolve) => (finish = resolve));
  const onInt = () => finish('SIGINT');
  const onTerm = () => finish('SIGTERM');
  const onAbort = () => finish('abort');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  io.signal?.addEventListener('abort', onAbort);
  if (io.signal?.aborted) finish('abort');
  return {
    promise,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      io.signal?.removeEventListener('abort', onAbort);
    },
  };
}
