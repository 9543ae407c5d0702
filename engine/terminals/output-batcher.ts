/** How long output gathers before it is sent: one frame, so a busy shell sends about 60 changes a second at most. */
export const outputBatchMs = 16;
/** Output sent at once without waiting, so one batch stays a reasonable frame. */
const maxBatchChars = 64 * 1024;

/**
 * Gathers a terminal's output for `outputBatchMs` and hands it on as one piece: a shell printing line by line makes
 * one change per frame, not one per line.
 */
export class OutputBatcher {
  private pending: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly send: (data: string) => void) {}

  /** Adds output to the current batch, starting its timer. */
  push(data: string): void {
    this.pending.push(data);
    this.size += data.length;
    if (this.size >= maxBatchChars) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), outputBatchMs);
  }

  /** Sends what is gathered now (nothing when empty). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.size === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.size = 0;
    this.send(data);
  }
}
