import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

/** What a file looked like when the agent last read or wrote it. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  /** sha256 of the content; null for files too big to hash, compared by time and size only. */
  hash: string | null;
}

/** Whether a file is as the agent last saw it. */
export type Freshness = 'unread' | 'fresh' | 'changed' | 'missing';

/** Files past this size are stamped by time and size only. */
export const maxHashedBytes = 10 * 1024 * 1024;

/** Per-task record of the files the agent read (by real path), so writes can refuse stale views. */
export class ReadState {
  private readonly stamps = new Map<string, FileStamp>();

  /** Remembers what a file looked like when it was read or written. */
  record(path: string, stamp: FileStamp): void {
    this.stamps.set(path, stamp);
  }

  /** The stamp recorded for a file, if it was read. */
  stampOf(path: string): FileStamp | undefined {
    return this.stamps.get(path);
  }

  /** Compares a file on disk with the recorded stamp; a touched file with the same content is still fresh. */
  async freshness(path: string): Promise<Freshness> {
    const stamp = this.stamps.get(path);
    if (!stamp) return 'unread';
    let now;
    try {
      now = await stat(path);
    } catch {
      return 'missing';
    }
    if (now.mtimeMs === stamp.mtimeMs && now.size === stamp.size) return 'fresh';
    if (stamp.hash === null || now.size !== stamp.size || now.size > maxHashedBytes) return 'changed';
    return hashOf(await readFile(path)) === stamp.hash ? 'fresh' : 'changed';
  }
}

/** Stamps content just read or written at `path`. */
export async function stampOf(path: string, content: Buffer | null): Promise<FileStamp> {
  const now = await stat(path);
  return {
    mtimeMs: now.mtimeMs,
    size: now.size,
    hash: content && content.length <= maxHashedBytes ? hashOf(content) : null,
  };
}

/** sha256 of a buffer, hex. */
export function hashOf(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
