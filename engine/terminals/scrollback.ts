/**
 * The last part of a terminal's output, at most `limit` characters: what a window that attaches later (a reload, a
 * second window) writes before the live output. Older output is dropped from the front, cut after a line break when
 * one is near, so the kept part starts on a line of its own.
 */
export class Scrollback {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  /** Adds output at the end, dropping the oldest beyond the limit. */
  append(data: string): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.size += data.length;
    if (this.size > this.limit) this.trim();
  }

  /** Everything kept, oldest first. */
  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  private trim(): void {
    let text = this.chunks.join('');
    let start = text.length - this.limit;
    // A line break within the next 1/8 of the limit gives a clean first line; otherwise cut where it falls.
    const newline = text.indexOf('\n', start);
    if (newline >= 0 && newline - start < this.limit / 8) start = newline + 1;
    text = text.slice(start);
    this.chunks = [text];
    this.size = text.length;
  }
}
