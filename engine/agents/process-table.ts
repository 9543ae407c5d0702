import { readdirSync, readFileSync } from 'node:fs';

/** A live process as /proc shows it (Linux). */
export interface SeenProcess {
  pid: number;
  processGroup: number;
  /** Its arguments joined by spaces; empty unless asked for. */
  commandLine: string;
}

/**
 * The live (non-zombie) processes on this Linux machine, read from /proc: to check that a killed
 * process group left nothing behind. Command lines are read only when `withCommandLines` is set.
 */
export function liveProcesses(withCommandLines = false): SeenProcess[] {
  const seen: SeenProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, pgrp, …
      const [state, , processGroup] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const commandLine = withCommandLines
        ? readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim()
        : '';
      seen.push({ pid: Number(name), processGroup: Number(processGroup), commandLine });
    } catch {
      // The process ended while we looked.
    }
  }
  return seen;
}
