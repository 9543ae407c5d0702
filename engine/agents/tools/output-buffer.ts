/**
 * Keeps the first `head` and last `tail` characters of a stream of text, and counts the rest, so a
 * command printing gigabytes costs constant memory. `toString()` says how much was cut.
 */
export class HeadTailBuffer {
  private first = '';
  private last = '';
  private total = 0;

  constructor(
    private readonly head: number,
    private readonly tail: number,
  ) {}

  /** Adds text as it arrives. */
  push(text: string): void {
    this.total += text.length;
    const room = this.head - this.first.length;
    if (room > 0) {
      this.first += text.slice(0, room);
      text = text.slice(room);
    }
    if (text) this.last = (this.last + text).slice(-this.tail);
  }

  /** How many characters arrived in all. */
  get size(): number {
    return this.total;
  }

  /** The kept text, with a marker where the middle was cut. */
  toString(): string {
    const kept = this.first.length + this.last.length;
    if (kept >= this.total) return this.first + this.last;
    return `${this.first}\n\n[… ${this.total - kept} of ${this.total} characters cut from the middle …]\n\n${this.last}`;
  }
}

/** Cuts the middle out of a long text, keeping `head` and `tail` characters. */
export function truncateMiddle(text: string, head: number, tail: number): string {
  const buffer = new HeadTailBuffer(head, tail);
  buffer.push(text);
  return buffer.toString();
}
