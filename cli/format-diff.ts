import type { DiffFile, TaskDiff } from '../shared/diff.js';

/** A task's diff as text: a `git diff --stat`-like summary, then the unified patch. */
export function formatDiff(diff: TaskDiff): string {
  if (diff.files.length === 0) return `No changes against ${diff.baseRef}.\n`;
  return `${formatStat(diff)}\n${diff.files.map(formatPatch).join('')}`;
}

/** One line per file with its +/- counts, and a total line. */
export function formatStat(diff: TaskDiff): string {
  const names = diff.files.map((file) =>
    file.oldPath && file.oldPath !== file.path ? `${file.oldPath} => ${file.path}` : file.path,
  );
  const width = Math.max(...names.map((name) => name.length));
  const counts = diff.files.map((file) => (file.binary ? 'Bin' : String(file.additions + file.deletions)));
  const countWidth = Math.max(...counts.map((count) => count.length));
  const biggest = Math.max(1, ...diff.files.map((file) => file.additions + file.deletions));
  const scale = Math.min(1, 40 / biggest);
  const lines = diff.files.map((file, index) => {
    const bar = file.binary
      ? ''
      : ` ${'+'.repeat(Math.ceil(file.additions * scale))}${'-'.repeat(Math.ceil(file.deletions * scale))}`;
    return ` ${names[index]!.padEnd(width)} | ${counts[index]!.padStart(countWidth)}${bar}`;
  });
  const files = `${diff.files.length} file${diff.files.length === 1 ? '' : 's'} changed`;
  const plus = `${diff.additions} insertion${diff.additions === 1 ? '' : 's'}(+)`;
  const minus = `${diff.deletions} deletion${diff.deletions === 1 ? '' : 's'}(-)`;
  // Like git, zero counts are left out of the total line.
  const parts = [files, diff.additions > 0 ? plus : '', diff.deletions > 0 ? minus : ''].filter(Boolean);
  return `${lines.join('\n')}\n ${parts.join(', ')}\n`;
}

/** One file's patch in unified diff form. */
export function formatPatch(file: DiffFile): string {
  const oldPath = file.oldPath ?? file.path;
  const out = [`diff --git a/${oldPath} b/${file.path}`];
  if (file.status === 'added') out.push('new file');
  if (file.status === 'deleted') out.push('deleted file');
  if (file.status === 'renamed') out.push(`rename from ${oldPath}`, `rename to ${file.path}`);
  if (file.binary) {
    out.push('Binary file changed');
    return `${out.join('\n')}\n`;
  }
  if (file.hunks.length > 0) {
    out.push(file.status === 'added' ? '--- /dev/null' : `--- a/${oldPath}`);
    out.push(file.status === 'deleted' ? '+++ /dev/null' : `+++ b/${file.path}`);
  }
  for (const hunk of file.hunks) out.push(hunk.header, ...hunk.lines);
  if (file.truncated) out.push(`… ${file.truncated.omittedLines} more lines not shown: ${file.truncated.reason}`);
  return `${out.join('\n')}\n`;
}
