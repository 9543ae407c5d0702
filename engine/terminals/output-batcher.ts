/** How long output gathers before it is sent: one frame, so a busy shell sends about 60 changes a second at most. */
export const outputBatchMs = 16;
/** Output sent at once without waiting, so one batch stays a reasonable frame. */
const maxBatchChars = 64 * 1024;

/**
 * Gathers a terminal's output into batches of one frame: output after a quiet moment (a typed key's echo) goes at
 * once, and what follows within `outputBatchMs` waits and goes as one piece, so a shell printing line by line makes
 * one change per frame, not one per line.
 */
export class OutputBatcher {
  private chunks: string[] = [];
  private size = 0;
  /** Running while a batch window is open: output then waits for it to end. */
  private window: NodeJS.Timeout | null = null;

  constructor(private readonly send: (data: string) => void) {}

  /** Adds output: sent now after a quiet moment, else with the current batch. */
  push(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    if (this.window === null || this.size >= maxBatchChars) this.flush();
  }

  /** Sends what is gathered now (nothing when empty), and opens a batch window after what it sent. */
  flush(): void {
    if (this.window) clearTimeout(this.window);
    this.window = null;
    if (this.size === 0) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    this.send(data);
    this.window = setTimeout(() => this.flush(), outputBatchMs);
  }
}
