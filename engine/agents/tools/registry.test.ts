import { describe, expect, test } from 'vitest';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import { builtinTools, runTool, toolDefinitions } from './registry.js';
import { defineTool, type ToolResult } from './tool.js';
import { makeToolContext } from '../../../testing/agents/tool-test-support.js';
import { z } from 'zod';

describe('tool registry', () => {
  test('offers the six coding tools with JSON Schemas for the model', () => {
    expect(builtinTools.map((tool) => tool.name)).toEqual([
      'read_file',
      'write_file',
      'edit_file',
      'bash',
      'glob',
      'grep',
    ]);
    const read = toolDefinitions().find((tool) => tool.name === 'read_file');
    expect(read?.inputSchema).toMatchObject({
      type: 'object',
      required: ['path'],
      additionalProperties: false,
      properties: {
        path: { type: 'string' },
        offset: { type: 'integer', minimum: 1 },
        limit: { type: 'integer', minimum: 1 },
      },
    });
    expect(read?.inputSchema).not.toHaveProperty('$schema');
    for (const tool of builtinTools) expect(tool.description.length).toBeGreaterThan(40);
  });

  test('answers unknown tools with the list of real ones', async () => {
    const result = await runTool('delete_everything', {}, makeToolContext('/nonexistent'));
    expect(result).toEqual({
      ok: false,
      output: 'Unknown tool "delete_everything". Available tools: read_file, write_file, edit_file, bash, glob, grep.',
    });
  });

  test('names each wrong, missing or unexpected argument', async () => {
    const result = await runTool(
      'read_file',
      { offset: 0, limit: 'ten', file_path: 'a.txt' },
      makeToolContext('/nonexistent'),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('Invalid arguments for read_file:');
    expect(result.output).toContain('- path: required (string)');
    expect(result.output).toContain('- offset: Too small');
    expect(result.output).toContain('- limit: Invalid input: expected number, received string');
    expect(result.output).toContain('- (arguments): Unrecognized key: "file_path"');
    expect((await runTool('glob', null, makeToolContext('/nonexistent'))).output).toMatch(
      /- \(arguments\): Invalid input: expected object/,
    );
  });

  test('does not run tools for a stopped task', async () => {
    const dir = makeTempDir();
    try {
      const controller = new AbortController();
      controller.abort();
      const result = await runTool(
        'write_file',
        { path: 'a.txt', content: 'x' },
        makeToolContext(dir, { signal: controller.signal }),
      );
      expect(result).toEqual({ ok: false, output: 'Not run: the task was stopped.' });
    } finally {
      removeTemp(dir);
    }
  });

  test('turns a tool bug into a result instead of a crash', async () => {
    const broken = defineTool({
      name: 'broken',
      description: 'always throws',
      inputSchema: z.object({}),
      async run(): Promise<ToolResult> {
        throw new TypeError('boom');
      },
    });
    expect(await runTool('broken', {}, makeToolContext('/nonexistent'), [broken])).toEqual({
      ok: false,
      output: 'broken failed unexpectedly: boom',
    });
  });

  test('reports file-system errors as results', async () => {
    const dir = makeTempDir();
    try {
      const result = await runTool(
        'read_file',
        { path: '/nonexistent-root' },
        makeToolContext(`${dir}/missing-worktree`),
      );
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/^No such file or folder/);
    } finally {
      removeTemp(dir);
    }
  });
});
