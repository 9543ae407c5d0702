import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxKind } from '../sandbox/detect.js';
import { skillList, type Skill } from './skills.js';

/** A file of instructions for agents (AGENTS.md, CLAUDE.md) and where it came from. */
export interface InstructionFile {
  /** Where the file is, as the prompt names it. */
  label: string;
  content: string;
}

/** Instruction files longer than this are cut, so one huge file cannot fill the context. */
export const maxInstructionChars = 32_000;

/** What the system prompt describes: where the agent works, how its commands run, and what the project asks. */
export interface SystemPromptInput {
  cwd: string;
  branch: string | null;
  sandbox: SandboxKind;
  allowNetwork: boolean;
  instructions: readonly InstructionFile[];
  skills: readonly Skill[];
  /** For the environment section; defaults to now. */
  date?: Date;
}

/**
 * Reads AGENTS.md from the user's Flotilla folder, then AGENTS.md and CLAUDE.md at the worktree root
 * (the worktree is the task's copy of the repository root). Missing files are simply left out.
 */
export async function loadInstructions(cwd: string, home: string): Promise<InstructionFile[]> {
  const candidates = [
    { label: `${join(home, 'AGENTS.md')} (the user's instructions for every project)`, path: join(home, 'AGENTS.md') },
    { label: 'AGENTS.md (this repository)', path: join(cwd, 'AGENTS.md') },
    { label: 'CLAUDE.md (this repository)', path: join(cwd, 'CLAUDE.md') },
  ];
  const found: InstructionFile[] = [];
  for (const candidate of candidates) {
    let content: string;
    try {
      content = await readFile(candidate.path, 'utf8');
    } catch {
      continue;
    }
    if (content.trim() === '') continue;
    const cut =
      content.length > maxInstructionChars
        ? `${content.slice(0, maxInstructionChars)}\n[cut: the file is longer than ${maxInstructionChars} characters]`
        : content;
    found.push({ label: candidate.label, content: cut.trim() });
  }
  return found;
}

/** The built-in agent's system prompt. */
export function buildSystemPrompt(input: SystemPromptInput): string {
  const where = input.branch ? `${input.cwd}, on the branch ${input.branch}` : input.cwd;
  const sections = [
    `You are Flotilla's coding agent, an expert software engineer working on one task in a git worktree at ${where}. The worktree is a copy of the repository made for this task; the user's own checkout is elsewhere and stays untouched. When you are done, the user reviews the diff of this worktree and merges or discards it.`,
    `# Tools
- read_file, write_file, edit_file, glob and grep work on files inside the worktree (paths are relative to its root). bash runs shell commands in the worktree root.
- Read a file before you edit or overwrite it: edits to files you have not read, or that changed since you read them, are refused.
- Prefer edit_file for changes to existing files (old_string must match the file exactly, including whitespace), and write_file for new files. Use glob and grep to find code instead of guessing paths.
- ${commandsLine(input.sandbox, input.allowNetwork)}
- When a tool call fails, read the error and change the call; do not repeat a call that failed the same way.
- You can call several independent tools in one reply.`,
    `# How to work
- Understand the relevant code before changing it. Make the change the task asks for, completely, and keep it focused: no unrelated refactors or drive-by reformatting.
- Follow the conventions of the codebase (style, naming, structure, test framework, libraries already in use); look at neighbouring code and tests first.
- Verify your work: run the project's tests, type checker, linter or build where they exist, and fix what you broke.
- Do not commit, push, create or switch branches, or rewrite git history: Flotilla checkpoints the worktree after each turn. Read-only git commands (status, diff, log) are fine.
- Stay inside the worktree. Never print or copy secrets.
- If the task is ambiguous, make the most reasonable choice and say which; ask the user only when you cannot proceed without them.`,
    `# Replies
Be concise and direct; use Markdown sparingly. Do not narrate every step. When you finish, say briefly what you changed (by file), how you checked it, and anything left open.`,
    `# Environment
- Platform: ${process.platform}; date: ${(input.date ?? new Date()).toISOString().slice(0, 10)}.`,
  ];
  if (input.instructions.length > 0) {
    const files = input.instructions.map((file) => `## ${file.label}\n\n${file.content}`).join('\n\n');
    sections.push(
      `# Project instructions\nFollow these instructions from the user and the repository; the repository's own files take precedence where they conflict.\n\n${files}`,
    );
  }
  if (input.skills.length > 0) {
    sections.push(
      `# Skills\nSkills are packaged instructions for particular kinds of work. When a task matches a skill's description, call read_skill with its name first and follow what it says.\n\n${skillList(input.skills)}`,
    );
  }
  return sections.join('\n\n');
}

function commandsLine(sandbox: SandboxKind, allowNetwork: boolean): string {
  const network = allowNetwork ? 'network access is allowed' : 'there is no network access';
  switch (sandbox) {
    case 'bubblewrap':
    case 'sandbox-exec':
      return `Shell commands run in a sandbox: only the worktree and temporary folders are writable, git data is read-only, and ${network}. Dependencies that need downloading may be unavailable; say so instead of working around the sandbox.`;
    case 'none':
      return "Shell commands run unsandboxed on the user's machine: keep them to the worktree, and never run destructive commands outside it.";
    default: {
      const unreachable: never = sandbox;
      return unreachable;
    }
  }
}
