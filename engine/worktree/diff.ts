import { existsSync } from 'node:fs';
import type { DiffFile, TaskDiff } from '../../shared/diff.js';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { GitError } from '../git/git-error.js';
import { branchTip, resolveCommit } from '../git/refs.js';
import { withScratchObjects, type ScratchObjects } from '../git/scratch-objects.js';
import { snapshotTree, worktreeState } from '../git/snapshot.js';
import { findMergeBase, resolveTaskBase } from './task-base.js';
import { parseBlobSizes, parseChangeList, parsePatch } from './diff-parse.js';
import type { ChangeEntry, PatchSection } from './diff-parse.js';

/** What to diff: a task's worktree against the base it started from. */
export interface TaskDiffRequest {
  worktree: string;
  /** The base the user gave (branch, tag or commit). */
  baseRef: string;
  /** The commit the base pointed at when the task started; used when baseRef no longer resolves. */
  baseCommit: string;
  /** Hunk lines kept per file before it is cut with a marker. */
  maxLinesPerFile?: number;
  /** Files bigger than this (either side) are listed with counts but no hunks. */
  maxFileBytes?: number;
  /** Patch text read for the whole diff; files past it are listed with counts but no hunks. */
  maxTotalBytes?: number;
  /**
   * Hash the worktree's uncommitted files into a throwaway object folder, so the repository is not
   * written at all (for readers that must change nothing, such as a CLI with no engine running).
   */
  scratchObjects?: boolean;
}

/** Where a diff's git calls run: a folder, with the scratch objects' environment when a snapshot is read. */
interface DiffSource {
  cwd: string;
  env?: Record<string, string>;
}

/** Default hunk lines kept per file. */
export const defaultMaxLinesPerFile = 5000;
/** Default size above which a file's diff is not shown. */
export const defaultMaxFileBytes = 8 * 1024 * 1024;
/** Default patch text read for a whole task diff. */
export const defaultMaxTotalBytes = 32 * 1024 * 1024;

interface Limits {
  maxLinesPerFile: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

const zeroBlob = /^0+$/;
const gitlinkMode = '160000';
// Whatever the user's config says: no colour, pager-free plain prefixes, no external tools, verbatim paths.
const quoting = ['-c', 'core.quotePath=false'];
const diffFlags = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '-M',
  '--submodule=short',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/**
 * The task's changes (its branch plus everything in its worktree, committed or not, untracked but
 * not ignored included) against the merge-base of its HEAD with its base. Touches neither the
 * worktree's index nor the user's checkout.
 */
export async function computeTaskDiff(request: TaskDiffRequest): Promise<TaskDiff> {
  const { worktree } = request;
  if (!existsSync(worktree)) {
    throw new EngineError(
      'noWorktree',
      `The task's worktree ${worktree} no longer exists, so there is no diff to show. Discard the task or recreate it.`,
    );
  }
  const limits: Limits = {
    maxLinesPerFile: request.maxLinesPerFile ?? defaultMaxLinesPerFile,
    maxFileBytes: request.maxFileBytes ?? defaultMaxFileBytes,
    maxTotalBytes: request.maxTotalBytes ?? defaultMaxTotalBytes,
  };
  if (request.scratchObjects) return withScratchObjects(worktree, (scratch) => diffWorktree(request, limits, scratch));
  return diffWorktree(request, limits, null);
}

async function diffWorktree(
  request: TaskDiffRequest,
  limits: Limits,
  scratch: ScratchObjects | null,
): Promise<TaskDiff> {
  const { worktree } = request;
  const [base, state] = await Promise.all([
    resolveTaskBase(worktree, request.baseRef, request.baseCommit),
    worktreeState(worktree),
  ]);
  // The snapshot would be a new commit on HEAD, which the base cannot contain, so its merge-base
  // with the base is HEAD's: it is found while the snapshot is taken, and the diff compares
  // against the snapshot's tree, with no commit (and no identity lookup) needed.
  const [mergeBase, snapshot, behind] = await Promise.all([
    findMergeBase(worktree, base, state.head, request.baseRef),
    snapshotTree(worktree, state.gitDir, scratch?.directory),
    countBehind(worktree, state.head, base),
  ]);
  const range = [mergeBase, snapshot] as const;
  const source: DiffSource = scratch ? { cwd: worktree, env: scratch.readEnv } : { cwd: worktree };
  const { entries, sections, skipped } =
    (await readWholeDiff(source, range, limits)) ?? (await readDiffCarefully(source, range, limits));
  const files = entries.map((entry) => toDiffFile(entry, sections.get(entry.path), skipped.get(entry), limits));
  return {
    mergeBase,
    baseRef: request.baseRef,
    files,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    behind,
    merged: null,
  };
}

/** A merged task whose worktree is gone: where its change is now, for computeMergedDiff. */
export interface MergedDiffRequest {
  repoPath: string;
  /** The commit the merge made on the target; null in logs that lack it. */
  mergedCommit: string | null;
  into: string | null;
  mode: 'squash' | 'merge' | null;
  branch: string;
  baseRef: string;
  baseCommit: string;
}

/**
 * What a merged task brought to its target, for a review whose worktree was removed: the change
 * its merge commit made (against the target's tip before it, so squash and merge commits read the
 * same), else its branch against the point where it left its base. Says so plainly when neither is
 * in the repository any more.
 */
export async function computeMergedDiff(request: MergedDiffRequest): Promise<TaskDiff> {
  const { repoPath, mergedCommit, branch, baseRef } = request;
  const limits: Limits = {
    maxLinesPerFile: defaultMaxLinesPerFile,
    maxFileBytes: defaultMaxFileBytes,
    maxTotalBytes: defaultMaxTotalBytes,
  };
  const merged = mergedCommit ? await resolveCommit(repoPath, mergedCommit) : null;
  const before = merged ? await resolveCommit(repoPath, `${merged}^1`) : null;
  let range: readonly [string, string];
  let source: 'mergeCommit' | 'branch';
  if (merged && before) {
    range = [before, merged];
    source = 'mergeCommit';
  } else {
    const tip = await branchTip(repoPath, branch);
    if (!tip) {
      const what = mergedCommit
        ? `its merge commit ${mergedCommit.slice(0, 10)} and its branch ${branch} are`
        : `its branch ${branch} is`;
      throw new EngineError(
        'notFound',
        `This task was merged, but ${what} no longer in the repository, so its change cannot be shown. The merged work is in the history of ${request.into ?? 'the branch it was merged into'}.`,
      );
    }
    const base = await resolveTaskBase(repoPath, baseRef, request.baseCommit);
    range = [await findMergeBase(repoPath, base, tip, baseRef), tip];
    source = 'branch';
  }
  const { entries, sections, skipped } =
    (await readWholeDiff({ cwd: repoPath }, range, limits)) ??
    (await readDiffCarefully({ cwd: repoPath }, range, limits));
  const files = entries.map((entry) => toDiffFile(entry, sections.get(entry.path), skipped.get(entry), limits));
  return {
    mergeBase: range[0],
    baseRef: request.into ?? baseRef,
    files,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    behind: 0,
    merged: { commit: mergedCommit, into: request.into, mode: request.mode, source },
  };
}

/** How many commits the base has that the task's HEAD does not. */
async function countBehind(worktree: string, head: string, base: string): Promise<number> {
  const out = await git({
    name: 'rev-list.behind',
    cwd: worktree,
    args: ['rev-list', '--count', `${head}..${base}`],
    readOnly: true,
  });
  return Number(out.stdout.trim()) || 0;
}

/** The sizes of the given entries' blobs (both sides), in one git call. */
async function blobSizes(source: DiffSource, entries: readonly ChangeEntry[]): Promise<Map<string, number>> {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!zeroBlob.test(entry.oldBlob) && entry.oldMode !== gitlinkMode) ids.add(entry.oldBlob);
    if (!zeroBlob.test(entry.newBlob) && entry.newMode !== gitlinkMode) ids.add(entry.newBlob);
  }
  if (ids.size === 0) return new Map();
  const out = await git({
    name: 'cat-file.sizes',
    cwd: source.cwd,
    env: source.env,
    args: ['cat-file', '--batch-check'],
    input: [...ids].join('\n') + '\n',
    readOnly: true,
  });
  return parseBlobSizes(out.stdout);
}

/** Why a file's hunks were not read. */
type Skip = { kind: 'tooLarge'; bytes: number } | { kind: 'overBudget' };

const maxPathspecChars = 8000;

/**
 * Reads the patch for every text file that fits the limits into `sections`, in one git call when
 * the whole diff surely fits the budget, otherwise in batches that stop once the budget is spent.
 * Returns the files left out and why.
 */
async function readPatches(
  source: DiffSource,
  range: readonly [string, string],
  entries: readonly ChangeEntry[],
  sizes: ReadonlyMap<string, number>,
  limits: Limits,
  sections: Map<string, PatchSection>,
): Promise<Map<ChangeEntry, Skip>> {
  const skipped = new Map<ChangeEntry, Skip>();
  const wanted: { entry: ChangeEntry; estimate: number }[] = [];
  for (const entry of entries) {
    if (entry.binary) continue;
    const bytes = Math.max(sizes.get(entry.oldBlob) ?? 0, sizes.get(entry.newBlob) ?? 0);
    if (bytes > limits.maxFileBytes) skipped.set(entry, { kind: 'tooLarge', bytes });
    // Patch text holds each line at most once plus a prefix, so this bounds what git prints.
    else
      wanted.push({ entry, estimate: 2 * ((sizes.get(entry.oldBlob) ?? 0) + (sizes.get(entry.newBlob) ?? 0)) + 512 });
  }
  if (wanted.length === 0) return skipped;
  const total = wanted.reduce((sum, item) => sum + item.estimate, 0);
  if (skipped.size === 0 && total <= limits.maxTotalBytes) {
    await readBatch(source, range, null, limits, sections);
    return skipped;
  }
  const batchBytes = Math.max(1, Math.floor(limits.maxTotalBytes / 4));
  let spent = 0;
  let batch: ChangeEntry[] = [];
  let batchEstimate = 0;
  let batchChars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    if (spent >= limits.maxTotalBytes) for (const entry of batch) skipped.set(entry, { kind: 'overBudget' });
    else
      spent += await readBatch(
        source,
        range,
        batch.flatMap((entry) => [entry.path, ...(entry.oldPath === null ? [] : [entry.oldPath])]),
        limits,
        sections,
      );
    batch = [];
    batchEstimate = 0;
    batchChars = 0;
  };
  for (const { entry, estimate } of wanted) {
    const chars = entry.path.length + (entry.oldPath?.length ?? 0) + 2;
    if (batchEstimate + estimate > batchBytes || batchChars + chars > maxPathspecChars) await flush();
    batch.push(entry);
    batchEstimate += estimate;
    batchChars += chars;
  }
  await flush();
  return skipped;
}

/** A diff read from git: the changed files, their patch sections, and the files left without hunks. */
interface ReadDiff {
  entries: ChangeEntry[];
  sections: Map<string, PatchSection>;
  skipped: Map<ChangeEntry, Skip>;
}

/**
 * The common case in one git call: the change list and the whole patch together.
 * Null when that does not fit the budget, or when a file is over the size limit; the careful
 * path then lists the files first and reads only what fits.
 */
async function readWholeDiff(
  source: DiffSource,
  range: readonly [string, string],
  limits: Limits,
): Promise<ReadDiff | null> {
  let output: string;
  try {
    const out = await git({
      name: 'diff.whole',
      cwd: source.cwd,
      env: source.env,
      // git treats a file over bigFileThreshold as binary without reading it, so every text file
      // in this listing is within the size limit without a separate size check. The counts come
      // from the patch itself: --numstat would have git diff every file a second time.
      args: [
        '-c',
        `core.bigFileThreshold=${limits.maxFileBytes}`,
        ...quoting,
        'diff',
        ...diffFlags,
        '--raw',
        '--patch',
        '-z',
        '--no-abbrev',
        ...range,
        '--',
      ],
      readOnly: true,
      maxOutputBytes: limits.maxTotalBytes,
    });
    output = out.stdout;
  } catch (error) {
    if (error instanceof GitError && error.kind === 'tooLarge') return null;
    throw error;
  }
  // With -z, the listing's records end in NUL and one more NUL separates them from the patch.
  const split = output.indexOf('\0\0');
  const sections = new Map(
    parsePatch(split < 0 ? '' : output.slice(split + 2), limits.maxLinesPerFile).map((section) => [
      section.path,
      section,
    ]),
  );
  const entries = parseChangeList(split < 0 ? output : output.slice(0, split + 1)).map((entry) => {
    const section = sections.get(entry.path);
    return {
      ...entry,
      binary: section?.binary ?? false,
      additions: section?.additions ?? 0,
      deletions: section?.deletions ?? 0,
    };
  });
  const unsure = entries.filter(sizeUnproven(entries));
  const sizes = unsure.length > 0 ? await blobSizes(source, unsure) : new Map<string, number>();
  if ([...sizes.values()].some((bytes) => bytes > limits.maxFileBytes)) return null;
  return { entries, sections, skipped: new Map() };
}

/**
 * Which entries of a listing made under bigFileThreshold may still be over the size limit: binary
 * ones (git also says binary for text over the threshold), and, when git looked for renames (there
 * is a deletion, rename or copy to pair), every added, deleted, renamed or copied file, since
 * rename detection reads their content before the threshold applies. Usually none.
 */
function sizeUnproven(entries: readonly ChangeEntry[]): (entry: ChangeEntry) => boolean {
  const renameSources = entries.some(
    (entry) => entry.status === 'deleted' || entry.status === 'renamed' || entry.status === 'copied',
  );
  return (entry) => entry.binary || (renameSources && entry.status !== 'modified' && entry.status !== 'typeChanged');
}

/** Lists the changes with their counts, checks every blob's size, then reads the patches that fit the limits. */
async function readDiffCarefully(
  source: DiffSource,
  range: readonly [string, string],
  limits: Limits,
): Promise<ReadDiff> {
  const listing = await git({
    name: 'diff.changes',
    cwd: source.cwd,
    env: source.env,
    args: [...quoting, 'diff', ...diffFlags, '--raw', '--numstat', '-z', '--no-abbrev', ...range, '--'],
    readOnly: true,
  });
  const entries = parseChangeList(listing.stdout);
  const sizes = await blobSizes(
    source,
    entries.filter((entry) => !entry.binary),
  );
  const sections = new Map<string, PatchSection>();
  const skipped = await readPatches(source, range, entries, sizes, limits, sections);
  return { entries, sections, skipped };
}

/** Reads the patch for `paths` (all files when null) into `sections`; returns the bytes git printed. */
async function readBatch(
  source: DiffSource,
  range: readonly [string, string],
  paths: string[] | null,
  limits: Limits,
  sections: Map<string, PatchSection>,
): Promise<number> {
  const out = await git({
    name: 'diff.patch',
    cwd: source.cwd,
    env: source.env,
    args: ['--literal-pathspecs', ...quoting, 'diff', ...diffFlags, ...range, '--', ...(paths ?? [])],
    readOnly: true,
  });
  for (const section of parsePatch(out.stdout, limits.maxLinesPerFile)) sections.set(section.path, section);
  return out.stdout.length;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function truncation(
  entry: ChangeEntry,
  section: PatchSection | undefined,
  skip: Skip | undefined,
  limits: Limits,
): DiffFile['truncated'] {
  const changed = entry.additions + entry.deletions;
  if (skip) {
    switch (skip.kind) {
      case 'tooLarge':
        return {
          reason: `This file is ${formatBytes(skip.bytes)}, over the ${formatBytes(limits.maxFileBytes)} limit for showing a diff; open it in an editor to review it.`,
          omittedLines: changed,
        };
      case 'overBudget':
        return {
          reason: `The task's diff is larger than ${formatBytes(limits.maxTotalBytes)}, so this file's changes are not shown; open it in an editor to review it.`,
          omittedLines: changed,
        };
      default: {
        const unknown: never = skip;
        throw new Error(`unknown skip ${String(unknown)}`);
      }
    }
  }
  if (entry.binary) return null;
  if (!section) {
    return changed > 0
      ? {
          reason: `Flotilla could not read this file's changes from git; open it in an editor to review it.`,
          omittedLines: changed,
        }
      : null;
  }
  if (section.omittedLines === 0) return null;
  return {
    reason: `This file's diff has ${section.totalLines} lines; showing the first ${limits.maxLinesPerFile}.`,
    omittedLines: section.omittedLines,
  };
}

function toDiffFile(
  entry: ChangeEntry,
  section: PatchSection | undefined,
  skip: Skip | undefined,
  limits: Limits,
): DiffFile {
  return {
    path: entry.path,
    oldPath: entry.oldPath,
    status: entry.status,
    binary: entry.binary,
    additions: entry.additions,
    deletions: entry.deletions,
    hunks: skip || entry.binary ? [] : (section?.hunks ?? []),
    truncated: truncation(entry, section, skip, limits),
  };
}
