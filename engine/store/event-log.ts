import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { threadEventSchema, type ThreadEvent } from '../../shared/events.js';

/** What reading a thread log found: its events, and how many unreadable lines were skipped. */
export interface LogContents {
  events: ThreadEvent[];
  skippedLines: number;
  bytes: number;
}

/**
 * Reads a JSONL thread log. A torn last line (the process died mid-write) and any line that is
 * not a valid event are skipped and counted, never fatal.
 */
export function readEventLog(path: string): LogContents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { events: [], skippedLines: 0, bytes: 0 };
  }
  const events: ThreadEvent[] = [];
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = threadEventSchema.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
      else skippedLines += 1;
    } catch {
      skippedLines += 1;
    }
  }
  return { events, skippedLines, bytes: Buffer.byteLength(text) };
}

/**
 * An append-only JSONL log for one thread. The file is opened on the first append, so an engine
 * holding hundreds of finished threads keeps no descriptors open for them.
 */
export class EventLog {
  private fd: number | null = null;
  private bytes: number;
  private closed = false;

  constructor(
    readonly path: string,
    existingBytes: number,
  ) {
    this.bytes = existingBytes;
  }

  /** Size of the log in bytes, as written so far. */
  get size(): number {
    return this.bytes;
  }

  /** Appends one event as a line. */
  append(event: ThreadEvent): void {
    this.write(`${JSON.stringify(event)}\n`);
  }

  /** Forces written events to disk; called at status changes and turn ends. */
  flush(): void {
    if (this.fd !== null) fsyncSync(this.fd);
  }

  /** Flushes and closes the file. */
  close(): void {
    this.closed = true;
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
  }

  private write(text: string): void {
    if (this.closed) throw new Error(`Thread log ${this.path} is closed.`);
    if (this.fd === null) this.open();
    const buffer = Buffer.from(text);
    writeSync(this.fd as number, buffer);
    this.bytes += buffer.length;
  }

  private open(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, 'a+');
    // A torn last line (the process died mid-write) must not glue itself to the next event.
    if (this.bytes > 0 && !endsWithNewline(this.fd, this.bytes)) {
      writeSync(this.fd, '\n');
      this.bytes += 1;
    }
  }
}

function endsWithNewline(fd: number, size: number): boolean {
  const last = Buffer.alloc(1);
  return readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a;
}
