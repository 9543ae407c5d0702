import { z } from 'zod';
import type { Task } from '../../../shared/task.js';

const key = 'flotilla.drafts';
/** Drafts untouched this long are dropped: whatever they were for is long over. */
const maxAgeMs = 30 * 24 * 60 * 60 * 1000;

const anchorSchema = z.object({ path: z.string(), side: z.enum(['old', 'new']), line: z.number(), quote: z.string() });
const draftSchema = z.object({
  /** The follow-up box's unsent text. */
  followUp: z.string().optional(),
  /** Review comments saved on lines but not sent yet ("Request changes"). */
  comments: z.array(anchorSchema.extend({ id: z.string(), text: z.string() })).optional(),
  /** The comment box that was open, with its text. */
  commentBox: anchorSchema.extend({ text: z.string(), editing: z.string().nullable() }).nullable().optional(),
  savedAt: z.number(),
});
const draftsSchema = z.record(z.string(), draftSchema);

/** What a person wrote for a task and has not sent yet. */
export type TaskDraft = z.infer<typeof draftSchema>;

/** Every saved draft by task id; none when storage is off or holds junk. */
export function readDrafts(): Record<string, TaskDraft> {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
    const parsed = draftsSchema.safeParse(raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function writeDrafts(drafts: Record<string, TaskDraft>): void {
  try {
    if (Object.keys(drafts).length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(drafts));
  } catch {
    // Storage can be off (private mode) or full; drafts then last for this page only.
  }
}

/** The saved draft of a task, if any. */
export function draftOf(taskId: string): TaskDraft | undefined {
  return readDrafts()[taskId];
}

/** Saves part of a task's draft; a draft left with nothing in it is removed. */
export function saveDraft(taskId: string, patch: Partial<Omit<TaskDraft, 'savedAt'>>, now = Date.now()): void {
  const drafts = readDrafts();
  const next: TaskDraft = { ...drafts[taskId], ...patch, savedAt: now };
  if (!next.followUp) delete next.followUp;
  if (!next.comments?.length) delete next.comments;
  if (!next.commentBox) delete next.commentBox;
  if (Object.keys(next).length === 1) delete drafts[taskId];
  else drafts[taskId] = next;
  writeDrafts(drafts);
}

/**
 * Drops the drafts nobody can send any more: of tasks the engine no longer lists, or that were
 * discarded or merged (their follow-up box is closed), and of any untouched for 30 days.
 */
export function pruneDrafts(tasks: Record<string, Pick<Task, 'status'>>, now = Date.now()): void {
  const drafts = readDrafts();
  let changed = false;
  for (const [taskId, draft] of Object.entries(drafts)) {
    const status = tasks[taskId]?.status;
    if (status && status !== 'discarded' && status !== 'merged' && now - draft.savedAt < maxAgeMs) continue;
    delete drafts[taskId];
    changed = true;
  }
  if (changed) writeDrafts(drafts);
}
