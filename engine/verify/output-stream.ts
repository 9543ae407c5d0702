/** Stream output in batches of about this many characters... */
export const verifyBatchChars = 4_096;
/** ...or after this long, whichever comes first. */
export const verifyBatchMs = 100;
/** Past this much streamed output the thread gets no more of it live; the result keeps the tail. */
export const maxVerifyStreamed = 1_000_000;

/**
 * Batches a command's output into thread events: every ~100 ms or 4 KB, and not past ~1 MB in all (saying so once),
 * so a command that prints megabytes costs a bounded number of events.
 */
export class VerifyOutputStream {
  private batch = '';
  private streamed = 0;
  private cut = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (text: string) => void) {}

  /** Adds output as it arrives. */
  push(text: string): void {
    if (this.cut) return;
    const room = maxVerifyStreamed - this.streamed - this.batch.length;
    if (text.length > room) {
      this.batch += text.slice(0, Math.max(0, room));
      this.batch += '\n[live output stops here after 1 MB; the result keeps the end of it]\n';
      this.cut = true;
      this.flush();
      return;
    }
    this.batch += text;
    if (this.batch.length >= verifyBatchChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), verifyBatchMs);
  }

  /** Sends what is waiting now (and at the end of the run). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.batch) return;
    this.streamed += this.batch.length;
    const text = this.batch;
    this.batch = '';
    this.emit(text);
  }
}
