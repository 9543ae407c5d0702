import { z } from 'zod';

/** Every error code the engine reports; clients switch on these, never on messages. */
export const errorCodes = [
  'invalidInput',
  'notFound',
  'folderMissing',
  'notAFolder',
  'notAGitRepo',
  'bareRepo',
  'noCommits',
  'insideWorktree',
  'baseNotFound',
  'branchExists',
  'taskBusy',
  'taskDiscarded',
  'noWorktree',
  'worktreeChanged',
  'mergeConflict',
  'baseMoved',
  'checkoutDirty',
  'notABranch',
  'unsafePath',
  'setupFailed',
  'gitFailed',
  'gitTimeout',
  'engineLocked',
  'engineUnavailable',
  'unauthorized',
  'internal',
  'keyStorageUnavailable',
  'agentUnavailable',
  'budgetReached',
  'noRemote',
  'pushFailed',
  'providerUnavailable',
  /** The repository requires passing checks to merge and the task has no passing result for its tip. */
  'unverified',
  /** A task has no verify command (none set for it or its repository). */
  'noVerifyCommand',
  /** A group command on a task that is not part of a group of attempts. */
  'notInGroup',
  /** No judge model is configured, or the one set cannot be reached. */
  'judgeUnavailable',
  /** A team action on a task outside the caller's agent team (or by a task that is in none). */
  'notInTeam',
  /** gh was there and logged in, but could not open or read the task's pull request. */
  'pullRequestFailed',
  /** The engine cannot run terminals here (node-pty did not load); the message says why. */
  'terminalUnavailable',
  /** ssh refused the remote host's key (unknown, or changed since it was recorded in known_hosts). */
  'hostKeyRejected',
  /** The remote host refused the ssh login (no key it accepts). */
  'hostLoginRefused',
  /** The remote host could not be reached (no such name, connection refused, timed out). */
  'hostUnreachable',
  /** The remote host has no usable `node` (none found, or too old). */
  'hostNodeMissing',
  /** The remote host has no Flotilla to start (not installed, not on PATH). */
  'hostFlotillaMissing',
  /** The client and the engine speak incompatible protocol versions; the message says which to update. */
  'protocolMismatch',
] as const;

/** Schema for an engine error code. */
export const errorCodeSchema = z.enum(errorCodes);
/** An engine error code. */
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Schema for an error as it crosses a boundary: a code, a message that says what to do, optional details. */
export const errorDataSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
/** An error as it crosses a boundary. */
export type ErrorData = z.infer<typeof errorDataSchema>;
