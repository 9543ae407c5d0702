import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../shared/commands.js';
import { engineChangeSchema } from '../../shared/engine-events.js';
import { threadEventSchema } from '../../shared/events.js';
import { exampleOf, variantsBy, wireSchema } from './example-from-schema.js';

// Golden examples of the wire: one serialized example of every command's params and result and of every
// event type, each checked against its schema. A change to the contract shows up as a diff of these files.
// To accept an intended change: UPDATE_WIRE_GOLDEN=1 npx vitest run testing/wire
const goldenDir = fileURLToPath(new URL('./golden', import.meta.url));
const update = process.env.UPDATE_WIRE_GOLDEN === '1';
const fileName = (name: string) => `${name.replace(/\//g, '.')}.json`;

function checkGolden(folder: string, expected: Map<string, unknown>): void {
  const dir = join(goldenDir, folder);
  if (update) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, value] of expected)
      writeFileSync(join(dir, fileName(name)), `${JSON.stringify(value, null, 2)}\n`);
  }
  const onDisk = existsSync(dir) ? readdirSync(dir).sort() : [];
  const hint =
    'The wire changed: if that is intended, run UPDATE_WIRE_GOLDEN=1 npx vitest run testing/wire and commit the diff.';
  expect(onDisk, hint).toEqual([...expected.keys()].map(fileName).sort());
  for (const [name, value] of expected) {
    expect(JSON.parse(readFileSync(join(dir, fileName(name)), 'utf8')), `${name}: ${hint}`).toEqual(value);
  }
}

describe('the wire contract (golden examples)', () => {
  it('has an example of every command that its own schemas accept, matching the golden files', () => {
    const expected = new Map<string, unknown>();
    for (const [name, command] of Object.entries(commands)) {
      const params = exampleOf(wireSchema(command.params, 'input'));
      const result = exampleOf(wireSchema(command.result, 'output'));
      expect(command.params.safeParse(params).error, `${name} params`).toBeUndefined();
      expect(command.result.safeParse(result).error, `${name} result`).toBeUndefined();
      expect(JSON.parse(JSON.stringify(params)), `${name} params survive JSON`).toEqual(params);
      expected.set(name, { params, result });
    }
    checkGolden('commands', expected);
  });

  it('has an example of every event type that the event schema accepts, matching the golden files', () => {
    const variants = variantsBy(wireSchema(threadEventSchema, 'output'), 'type');
    expect(variants.size).toBeGreaterThan(10);
    const expected = new Map<string, unknown>();
    for (const [type, schema] of variants) {
      const event = exampleOf(schema);
      expect(threadEventSchema.safeParse(event).error, type).toBeUndefined();
      expected.set(type, event);
    }
    checkGolden('events', expected);
  });

  it('has an example of every configuration change that its schema accepts, matching the golden files', () => {
    const variants = variantsBy(wireSchema(engineChangeSchema, 'output'), 'type');
    expect(variants.size).toBeGreaterThan(5);
    const expected = new Map<string, unknown>();
    for (const [type, schema] of variants) {
      const change = exampleOf(schema);
      expect(engineChangeSchema.safeParse(change).error, type).toBeUndefined();
      expected.set(type, change);
    }
    checkGolden('changes', expected);
  });
});
