/** How an agent's shell commands are confined; the worktree is always writable, git data never. */
export interface SandboxPolicy {
  /** 'auto' sandboxes whenever this machine can; 'off' runs commands unsandboxed (the user's explicit choice). */
  mode: 'auto' | 'off';
  /** Whether commands may reach the network. */
  allowNetwork: boolean;
}

/** The default: sandboxed where possible, no network. */
export const defaultSandboxPolicy: SandboxPolicy = { mode: 'auto', allowNetwork: false };
