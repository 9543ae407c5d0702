import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import { makeToolContext } from '../../../testing/agents/tool-test-support.js';
import { parseFrontMatter } from './front-matter.js';
import { findSkills, readSkillTool, skillRoots } from './skills.js';
import { buildSystemPrompt, loadInstructions } from './system-prompt.js';

describe('front matter', () => {
  test('reads plain, quoted, block and continued values, and skips nested maps and comments', () => {
    const parsed = parseFrontMatter(
      [
        '---',
        '# a comment',
        'name: pdf-tools',
        'title: "Quoted: with \\"escapes\\""',
        "quote: 'it''s fine'",
        'description: >',
        '  Folded text',
        '  over two lines.',
        'notes: |',
        '  line one',
        '  line two',
        'metadata:',
        '  author: someone',
        'long: starts here',
        '  and goes on',
        '---',
        '',
        '# Body',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      ok: true,
      fields: {
        name: 'pdf-tools',
        title: 'Quoted: with "escapes"',
        quote: "it's fine",
        description: 'Folded text over two lines.',
        notes: 'line one\nline two',
        long: 'starts here and goes on',
      },
      body: '# Body',
    });
  });

  test('says what is wrong with malformed front matter', () => {
    expect(parseFrontMatter('# no front matter')).toEqual({
      ok: false,
      problem: 'it does not start with a "---" front matter line',
    });
    expect(parseFrontMatter('---\nname: x\n')).toEqual({
      ok: false,
      problem: 'its front matter has no closing "---" line',
    });
    expect(parseFrontMatter('---\njust words\n---\n')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('is not "key: value"'),
    });
    expect(parseFrontMatter('---\nname: "unterminated\n---\n')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"name"'),
    });
  });
});

describe('skills', () => {
  let root: string;
  let worktree: string;
  let home: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };

  beforeEach(() => {
    root = makeTempDir();
    worktree = join(root, 'worktree');
    home = join(root, 'home');
    write(
      join(worktree, '.claude/skills/release-notes/SKILL.md'),
      '---\nname: release-notes\ndescription: Write release notes from the git log.\n---\nRun git log, group by type.\n',
    );
    write(join(worktree, '.claude/skills/release-notes/template.md'), '## Changes\n');
    write(join(worktree, '.flotilla/skills/broken/SKILL.md'), '---\nname: broken\n');
    write(join(worktree, '.agents/skills/no-description/SKILL.md'), '---\nname: no-description\n---\nbody\n');
    write(
      join(home, 'skills/release-notes/SKILL.md'),
      '---\nname: release-notes\ndescription: The user-level copy, shadowed by the project.\n---\nother\n',
    );
    write(
      join(home, 'skills/db-migrations/SKILL.md'),
      "---\nname: db-migrations\ndescription: 'How to write a migration.'\n---\nUse the migrate tool.\n",
    );
  });

  afterEach(() => removeTemp(root));

  test('finds skills in the project folders and the Flotilla folder; malformed ones are skipped with a reason', async () => {
    const scan = await findSkills(skillRoots(worktree, home));
    expect(scan.skills.map((skill) => [skill.name, skill.description])).toEqual([
      ['release-notes', 'Write release notes from the git log.'],
      ['db-migrations', 'How to write a migration.'],
    ]);
    expect(scan.problems).toEqual([
      `Skipped the skill in ${join(worktree, '.flotilla/skills/broken')}: SKILL.md is malformed: its front matter has no closing "---" line.`,
      `Skipped the skill in ${join(worktree, '.agents/skills/no-description')}: its front matter has no "description".`,
    ]);
  });

  test('read_skill returns the body and lists the other files, which it can read too', async () => {
    const { skills } = await findSkills(skillRoots(worktree, home));
    const tool = readSkillTool(skills);
    const context = makeToolContext(worktree);
    const body = await tool.run({ name: 'release-notes' }, context);
    expect(body).toEqual({
      ok: true,
      output:
        'Run git log, group by type.\n\nOther files in this skill (read them with read_skill and `file`):\n- template.md',
    });
    expect(await tool.run({ name: 'release-notes', file: 'template.md' }, context)).toEqual({
      ok: true,
      output: '## Changes\n',
    });
    expect(await tool.run({ name: 'nope' }, context)).toEqual({
      ok: false,
      output: 'No skill named "nope". Known skills: release-notes, db-migrations.',
    });
    expect(
      (await tool.run({ name: 'release-notes', file: '../../../../home/skills/db-migrations/SKILL.md' }, context)).ok,
    ).toBe(false);
  });

  test('the system prompt carries AGENTS.md, CLAUDE.md, the user’s AGENTS.md and the skill list', async () => {
    write(join(worktree, 'AGENTS.md'), 'Run npm test before finishing.\n');
    write(join(worktree, 'CLAUDE.md'), 'Use tabs.\n');
    write(join(home, 'AGENTS.md'), 'Answer in British English.\n');
    const { skills } = await findSkills(skillRoots(worktree, home));
    const prompt = buildSystemPrompt({
      cwd: worktree,
      branch: 'flotilla/fix-1',
      sandbox: 'none',
      allowNetwork: false,
      instructions: await loadInstructions(worktree, home),
      skills,
    });
    expect(prompt).toContain(`git worktree at ${worktree}, on the branch flotilla/fix-1`);
    expect(prompt).toContain('unsandboxed');
    expect(prompt).toContain('Do not commit');
    const order = [
      'Answer in British English.',
      'Run npm test before finishing.',
      'Use tabs.',
      '- release-notes: Write release notes from the git log.',
    ].map((text) => prompt.indexOf(text));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
