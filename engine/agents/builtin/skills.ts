import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { resolveInside } from '../confine.js';
import { defineTool, failure, success, type Tool } from '../tools/tool.js';
import { parseFrontMatter } from './front-matter.js';

/** A skill in the agentskills format: `<folder>/<name>/SKILL.md` with `name` and `description` front matter. */
export interface Skill {
  name: string;
  description: string;
  /** The skill's folder; SKILL.md and its other files live here. */
  folder: string;
}

/** The skills found for a worktree, and why any SKILL.md was skipped. */
export interface SkillScan {
  skills: Skill[];
  problems: string[];
}

/** SKILL.md files bigger than this are skipped: a skill is instructions, not data. */
export const maxSkillBytes = 256 * 1024;
const maxDescription = 1024;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Where skills are looked for, in priority order: the worktree's own folders, then the user's Flotilla folder. */
export function skillRoots(worktree: string, home: string): string[] {
  return [
    join(worktree, '.flotilla', 'skills'),
    join(worktree, '.claude', 'skills'),
    join(worktree, '.agents', 'skills'),
    join(home, 'skills'),
  ];
}

/** Finds every skill under the roots; the first skill of a name wins, and unreadable ones are reported, never fatal. */
export async function findSkills(roots: readonly string[]): Promise<SkillScan> {
  const skills: Skill[] = [];
  const problems: string[] = [];
  for (const root of roots) {
    let names: string[];
    try {
      names = (await readdir(root, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    } catch {
      continue;
    }
    for (const folderName of names) {
      const folder = join(root, folderName);
      const loaded = await loadSkill(folder);
      if (loaded === null) continue;
      if (typeof loaded === 'string') problems.push(`Skipped the skill in ${folder}: ${loaded}.`);
      else if (!skills.some((skill) => skill.name === loaded.name)) skills.push(loaded);
    }
  }
  return { skills, problems };
}

/** The skill in a folder, a reason it cannot be used, or null when the folder has no SKILL.md. */
async function loadSkill(folder: string): Promise<Skill | string | null> {
  const path = join(folder, 'SKILL.md');
  try {
    if ((await stat(path)).size > maxSkillBytes) return `SKILL.md is larger than ${maxSkillBytes / 1024} KB`;
  } catch {
    return null;
  }
  const parsed = parseFrontMatter(await readFile(path, 'utf8'));
  if (!parsed.ok) return `SKILL.md is malformed: ${parsed.problem}`;
  const name = parsed.fields['name']?.trim() ?? '';
  const description = parsed.fields['description']?.trim() ?? '';
  if (!name) return 'its front matter has no "name"';
  if (!namePattern.test(name))
    return `its name "${name.slice(0, 80)}" may only use letters, digits, ".", "_" and "-" (at most 64)`;
  if (!description) return 'its front matter has no "description"';
  return { name, description: description.slice(0, maxDescription), folder };
}

/** The skills as the system prompt lists them. */
export function skillList(skills: readonly Skill[]): string {
  return skills.map((skill) => `- ${skill.name}: ${skill.description.replace(/\s+/g, ' ')}`).join('\n');
}

const inputSchema = z.strictObject({
  name: z.string().min(1).describe('The skill name, exactly as listed in the system prompt.'),
  file: z
    .string()
    .min(1)
    .optional()
    .describe("A file inside the skill's folder to read instead of SKILL.md, as listed by an earlier read_skill."),
});

/** A `read_skill` tool that hands the model a skill's instructions (or one of its files) when it needs them. */
export function readSkillTool(skills: readonly Skill[]): Tool {
  return defineTool({
    name: 'read_skill',
    description:
      'Read the full instructions of one of the skills listed in the system prompt (its SKILL.md without the front matter), ' +
      "plus the list of other files in the skill's folder; pass `file` to read one of those. Read a skill before doing a task it covers.",
    inputSchema,
    async run(input) {
      const skill = skills.find((candidate) => candidate.name === input.name);
      if (!skill) {
        const known = skills.map((candidate) => candidate.name).join(', ') || 'none';
        return failure(`No skill named "${input.name}". Known skills: ${known}.`);
      }
      if (input.file !== undefined) {
        const path = await resolveInside(skill.folder, input.file);
        if ((await stat(path)).size > maxSkillBytes)
          return failure(`${input.file} is larger than ${maxSkillBytes / 1024} KB; it is not meant to be read whole.`);
        return success(await readFile(path, 'utf8'));
      }
      const parsed = parseFrontMatter(await readFile(join(skill.folder, 'SKILL.md'), 'utf8'));
      const body = parsed.ok ? parsed.body : '';
      const others = (await filesIn(skill.folder)).filter((file) => file !== 'SKILL.md');
      const listing =
        others.length > 0
          ? `\n\nOther files in this skill (read them with read_skill and \`file\`):\n${others.map((file) => `- ${file}`).join('\n')}`
          : '';
      return success(`${body.trimEnd()}${listing}`);
    },
  });
}

async function filesIn(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
      .sort()
      .slice(0, 100);
  } catch {
    return [];
  }
}
