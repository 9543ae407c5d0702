import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// js-yaml and ajv come with electron-builder (a dev dependency); its own JSON schema checks the config.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = require('ajv') as new (options: object) => {
  validate(schema: unknown, data: unknown): boolean;
  errors?: unknown[] | null;
};
const schema: unknown = require('app-builder-lib/scheme.json');
const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder’s own schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('packs the bundles and the renderer build into an asar, starting from the bundled main', () => {
    expect(config).toMatchObject({
      appId: 'dev.flotilla.app',
      productName: 'Flotilla',
      asar: true,
      extraMetadata: { main: 'out/main/main.js' },
    });
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'renderer/dist/**', 'package.json']));
    for (const platform of ['mac', 'linux', 'win'])
      expect((config[platform] as { target: unknown[] }).target.length, platform).toBeGreaterThan(0);
  });

  it('ships node-pty for the terminals: rebuilt for Electron and copied outside the asar, where the engine looks', () => {
    expect(config.npmRebuild).toBe(true);
    const resources = config.extraResources as { from: string; to: string; filter: string[] }[];
    expect(resources).toContainEqual(expect.objectContaining({ from: 'node_modules/node-pty', to: 'node-pty' }));
    const filter = resources.find((resource) => resource.to === 'node-pty')?.filter ?? [];
    expect(filter).toEqual(expect.arrayContaining(['package.json', 'lib/**/*.js', 'build/Release/*.node']));
  });
});
