import { formatUsd } from '../../../shared/format-money.js';

/** A cost in US dollars, short: "$0.42", "<$0.01", "" for nothing spent (the shared formatter's short style). */
export function formatCost(usd: number): string {
  return formatUsd(usd, 'short');
}

/** A token count, short: "950", "12.3k", "1.2M". */
export function formatTokens(count: number): string {
  if (count < 1000) return String(Math.round(count));
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** A duration: "840 ms", "12s", "3m 04s", "1h 02m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** An agent's working time, in whole seconds: "<1s", "12s", "3m 04s". */
export function formatWorkingTime(ms: number): string {
  return ms < 1000 ? '<1s' : formatDuration(ms);
}

/** A clock time for a thread item: "14:03". */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
