import { constants, createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** How many leading bytes are checked for NUL when deciding a file is binary (git checks the same amount). */
export const binarySniffBytes = 8000;

/** Whether content looks binary: a NUL byte near the start, as git decides. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, binarySniffBytes).includes(0);
}

/** Whether the file at `path` looks binary, reading only its first bytes. */
export async function fileLooksBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(binarySniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, binarySniffBytes, 0);
    return looksBinary(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Splits text into lines the way `cat -n` counts them: a final newline does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Reads lines `offset`..`offset + limit - 1` (1-based) of a big file without loading it whole. */
export async function readLineRange(
  path: string,
  offset: number,
  limit: number,
): Promise<{ lines: string[]; more: boolean }> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  const lines: string[] = [];
  let number = 0;
  let more = false;
  try {
    for await (const line of reader) {
      number += 1;
      if (number < offset) continue;
      if (lines.length === limit) {
        more = true;
        break;
      }
      lines.push(line);
    }
  } finally {
    reader.close();
    stream.destroy();
  }
  return { lines, more };
}

/** Formats lines like `cat -n`, numbering from `first`, cutting lines longer than `maxLineLength`. */
export function numberLines(lines: readonly string[], first: number, maxLineLength: number): string[] {
  return lines.map((line, index) => {
    const shown =
      line.length > maxLineLength
        ? `${line.slice(0, maxLineLength)}… [${line.length - maxLineLength} more characters cut]`
        : line;
    return `${String(first + index).padStart(6)}\t${shown}`;
  });
}

/** Writes a file without following a symlink in its last component (one could appear after the path was checked). */
export async function writeNoFollow(path: string, content: string | Buffer): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(path, flags, 0o666);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}
