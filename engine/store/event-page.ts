import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { threadEventSchema, type ThreadEvent } from '../../shared/events.js';

/** One page of a thread log: its events oldest first, and whether the log holds earlier ones. */
export interface LogPage {
  events: ThreadEvent[];
  hasMore: boolean;
}

/** What page to read: the `limit` events just before `beforeSeq` (the log's last events when it is absent). */
export interface PageRequest {
  beforeSeq?: number;
  limit: number;
}

const chunkBytes = 64 * 1024;
const newline = 0x0a;

/**
 * Reads one page of a JSONL thread log without reading the whole file: finds where `beforeSeq` starts by a binary
 * search over byte offsets (sequence numbers grow along the file), then reads backwards from there in chunks. Torn
 * and unreadable lines are skipped, as `readEventLog` does; bytes appended while reading are left for the next call.
 */
export function readEventPage(path: string, request: PageRequest): LogPage {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { events: [], hasMore: false };
  }
  try {
    const size = fstatSync(fd).size;
    const end = request.beforeSeq === undefined ? size : startOfSeq(fd, size, request.beforeSeq);
    return readBackwards(fd, end, request);
  } finally {
    closeSync(fd);
  }
}

/** A whole line of the log: where it starts and ends (at its newline, or the end of the file). */
interface Line {
  start: number;
  end: number;
  event: ThreadEvent | null;
}

function parseLine(bytes: Buffer): ThreadEvent | null {
  const text = bytes.toString('utf8');
  if (!text.trim()) return null;
  try {
    const parsed = threadEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The first readable line starting at or after `offset`, or null when none does. */
function lineFrom(fd: number, size: number, offset: number): Line | null {
  let start = offset;
  if (start > 0) {
    // A line starts at `offset` only when a newline ends the previous one; otherwise skip to the next line.
    const next = indexOf(fd, size, start - 1);
    if (next === -1) return null;
    start = next + 1;
  }
  while (start < size) {
    const stop = indexOf(fd, size, start);
    const end = stop === -1 ? size : stop;
    const event = parseLine(readRange(fd, start, end));
    if (event) return { start, end, event };
    start = end + 1;
  }
  return null;
}

/** Byte offset of the first line whose seq is at least `seq` (the file's size when there is none). */
function startOfSeq(fd: number, size: number, seq: number): number {
  let low = 0;
  let high = size;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const line = lineFrom(fd, size, middle);
    if (!line || (line.event as ThreadEvent).seq >= seq) high = middle;
    else low = line.end + 1;
  }
  return lineFrom(fd, size, low)?.start ?? size;
}

function readBackwards(fd: number, end: number, request: PageRequest): LogPage {
  const newestFirst: ThreadEvent[] = [];
  let position = end;
  // The bytes before the first newline of the chunk last read: a line that may begin in an earlier chunk.
  let carry = Buffer.alloc(0);
  let earliest = end;
  while (position > 0 && newestFirst.length < request.limit) {
    const length = Math.min(chunkBytes, position);
    position -= length;
    const data = Buffer.concat([readRange(fd, position, position + length), carry]);
    const first = position > 0 ? data.indexOf(newline) : -1;
    if (position > 0 && first === -1) {
      carry = data;
      continue;
    }
    carry = data.subarray(0, first + 1);
    const lines: [number, number][] = [];
    for (let start = first + 1; start < data.length;) {
      const stop = data.indexOf(newline, start);
      const lineEnd = stop === -1 ? data.length : stop;
      lines.push([start, lineEnd]);
      start = lineEnd + 1;
    }
    for (let index = lines.length - 1; index >= 0 && newestFirst.length < request.limit; index -= 1) {
      const [start, lineEnd] = lines[index] as [number, number];
      const event = parseLine(data.subarray(start, lineEnd));
      if (!event || (request.beforeSeq !== undefined && event.seq >= request.beforeSeq)) continue;
      newestFirst.push(event);
      earliest = position + start;
    }
  }
  newestFirst.reverse();
  return { events: newestFirst, hasMore: newestFirst.length >= request.limit && earliest > 0 };
}

function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, end - start));
  let read = 0;
  while (read < buffer.length) {
    const count = readSync(fd, buffer, read, buffer.length - read, start + read);
    if (count === 0) break;
    read += count;
  }
  return buffer.subarray(0, read);
}

/** Offset of the first newline at or after `from`, or -1. */
function indexOf(fd: number, size: number, from: number): number {
  for (let position = from; position < size; position += chunkBytes) {
    const found = readRange(fd, position, Math.min(size, position + chunkBytes)).indexOf(newline);
    if (found !== -1) return position + found;
  }
  return -1;
}
