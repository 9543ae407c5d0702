import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { liveProcesses } from '../process-table.js';

/** How an agent process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (ENOENT, EACCES…). */
  startError: string | null;
}

/** What to start: a program, its arguments, where, and with which environment. */
export interface AgentCommand {
  file: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
}

/** A running external agent program, the leader of its own process group. */
export interface AgentProcess {
  readonly pid: number | undefined;
  /** Resolves once the process has exited (or failed to start). */
  readonly exited: Promise<ProcessExit>;
  /** Resolves once the process has exited and every stdout line has been handled. */
  readonly finished: Promise<ProcessExit>;
  /** Calls `handler` with each line the program writes to stdout (do not also read `child.stdout` yourself). */
  onLine(handler: (line: string) => void): void;
  /** Writes one line to the program's stdin (ignored once stdin is closed). */
  writeLine(line: string): void;
  /** Closes stdin, which tells most stdio programs to finish. */
  endInput(): void;
  /** The last few kilobytes of stderr, for error messages. */
  stderrTail(): string;
  /** The raw child, for libraries that want its streams. */
  readonly child: ChildProcessWithoutNullStreams;
  /** Ends the whole process group: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

const stderrKeep = 4_096;
const outputDrainMs = 2_000;
/** How long a stopped agent gets to wind down before its process group is killed. */
export const defaultStopGraceMs = 2_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const running = new Map<number, AgentProcess>();

/** Process ids of agent programs still running, for tests and shutdown diagnostics. */
export function runningAgentProcesses(): readonly number[] {
  return [...running.keys()];
}

/** Ends every agent program still running (tests call this in afterEach). */
export async function stopAllAgentProcesses(): Promise<void> {
  await Promise.all([...running.values()].map((agentProcess) => agentProcess.stop(500)));
}

/** Whether any process of the group led by `pid` is still alive (zombies waiting to be reaped do not count). */
export function processGroupAlive(pid: number): boolean {
  if (process.platform === 'linux') return liveProcesses().some((seen) => seen.processGroup === pid);
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts an agent program as the leader of a new process group (so stopping it also ends the
 * shells and tools it started), with piped stdio for its structured protocol.
 */
export function startAgentProcess(command: AgentCommand): AgentProcess {
  // npm installs .cmd shims on Windows, which only a shell can start.
  const shell = process.platform === 'win32' && /\.(cmd|bat)$/i.test(command.file);
  const child = spawn(command.file, [...command.args], {
    cwd: command.cwd,
    env: command.env,
    detached: process.platform !== 'win32',
    shell,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-stderrKeep);
  });
  // A program that dies early closes its stdin; writing to it must not crash the engine.
  child.stdin.on('error', () => undefined);
  // Created on the first onLine(), so a library reading stdout as a stream can have it alone.
  let lines: Interface | null = null;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, startError: error.message }));
    child.once('exit', (code, signal) => resolve({ code, signal, startError: null }));
  });
  const outputClosed = new Promise<void>((resolve) => child.stdout.once('close', resolve));
  // A grandchild holding stdout open must not keep the turn waiting once the leader is gone.
  const finished = exited.then((exit) => Promise.race([outputClosed, delay(outputDrainMs)]).then(() => exit));
  const signalGroup = (signal: NodeJS.Signals, leaderGone = false) => {
    // On Windows the tree is found through the leader, which is gone (and its pid may be reused).
    if (child.pid === undefined || (leaderGone && process.platform === 'win32')) return;
    try {
      // Windows has no process groups to signal; taskkill /T ends the whole tree.
      if (process.platform === 'win32')
        spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on(
          'error',
          () => undefined,
        );
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  let ended = false;
  const agentProcess: AgentProcess = {
    pid: child.pid,
    exited,
    finished,
    child,
    onLine(handler) {
      lines ??= createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
      lines.on('line', handler);
    },
    writeLine(line) {
      if (!child.stdin.writable || child.stdin.writableEnded) return;
      child.stdin.write(`${line}\n`);
    },
    endInput() {
      if (!child.stdin.writableEnded) child.stdin.end();
    },
    stderrTail() {
      return stderr.trim();
    },
    async stop(graceMs = defaultStopGraceMs) {
      agentProcess.endInput();
      if (ended) return exited;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      // The leader may exit on SIGTERM while a tool it started ignores it.
      signalGroup('SIGKILL', true);
      return exit;
    },
  };
  if (child.pid !== undefined) running.set(child.pid, agentProcess);
  void exited.then(() => {
    if (ended) return;
    ended = true;
    if (child.pid !== undefined) running.delete(child.pid);
    // Whatever the leader left behind in its group goes with it.
    signalGroup('SIGKILL', true);
  });
  return agentProcess;
}

/** Describes how a process ended, for a failed turn's message. */
export function describeExit(name: string, exit: ProcessExit, stderr: string): string {
  if (exit.startError) return `${name} could not be started: ${exit.startError}`;
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
  const tail = stderr ? `: ${stderr.split('\n').slice(-5).join('\n')}` : '';
  return `${name} ${how} before finishing the turn${tail}`;
}
