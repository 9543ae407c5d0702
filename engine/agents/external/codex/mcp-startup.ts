import { isObject } from '../json-values.js';

/** How long a turn waits for the task's MCP servers to start before Codex goes on without the late ones. */
export const mcpStartupWaitMs = 30_000;

/**
 * Follows Codex's `mcpServer/startupStatus/updated` notifications so a turn starts only once the task's MCP servers
 * are up: Codex starts them beside the thread and would send the first model request without their tools.
 */
export class McpStartup {
  private readonly states = new Map<string, string>();
  private readonly waiters = new Set<() => void>();

  /** Takes a notification; only startup statuses matter here. */
  observe(method: string, params: unknown): void {
    if (method !== 'mcpServer/startupStatus/updated' || !isObject(params)) return;
    if (typeof params['name'] !== 'string' || typeof params['status'] !== 'string') return;
    this.states.set(params['name'], params['status']);
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Waits until none of `names` is still starting (at most `timeoutMs`), and returns the ones that are not ready. A
   * Codex that reports no startup at all (older versions) is given a moment and then not waited for.
   */
  async ready(names: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<string[]> {
    if (names.length === 0) return [];
    const deadline = Date.now() + timeoutMs;
    const reported = Date.now() + Math.min(1_000, timeoutMs);
    const pending = () =>
      names.filter((name) => {
        const state = this.states.get(name);
        return state === 'starting' || (state === undefined && Date.now() < reported);
      });
    while (pending().length > 0 && Date.now() < deadline && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(10, Math.min(deadline, Date.now() + 100) - Date.now()));
        this.waiters.add(wake);
      });
    }
    return names.filter((name) => this.states.get(name) !== 'ready' && this.states.has(name));
  }
}
