import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { threadEventSchema, type ThreadEvent } from '../../../shared/events.js';

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

/** An append-only JSONL log for one thread, kept open while the engine runs. */
export class EventLog {
  private fd: number | null;
  private bytes: number;

  constructor(readonly path: string, existingBytes: number) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
    this.bytes = existingBytes;
    // A torn last line must not glue itself to the next event.
    if (existingBytes > 0 && !endsWithNewline(path)) this.write('\n');
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
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
  }

  private write(text: string): void {
    if (this.fd === null) throw new Error(`Thread log ${this.path} is closed.`);
    const buffer = Buffer.from(text);
    writeSync(this.fd, buffer);
    this.bytes += buffer.length;
  }
}

function endsWithNewline(path: string): boolean {
  const text = readFileSync(path);
  return text.length === 0 || text[text.length - 1] === 0x0a;
}
