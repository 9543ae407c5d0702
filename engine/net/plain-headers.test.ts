import { describe, expect, it } from 'vitest';
import { PlainHeaders } from './plain-headers.js';

type Step = (headers: Headers | PlainHeaders) => void;

// Each case runs on Node's Headers and on PlainHeaders; what both then show must be the same.
const cases: Record<string, { init?: ConstructorParameters<typeof Headers>[0]; steps?: Step[] }> = {
  'a record, names in any case': { init: { 'Content-Type': 'text/plain', 'X-B': ' padded\t', 'x-a': '1' } },
  'pairs, repeated names joined': {
    init: [
      ['B', '1'],
      ['a', '2'],
      ['b', '3'],
    ],
  },
  'Set-Cookie kept apart': {
    init: [
      ['Set-Cookie', 'x=1'],
      ['set-cookie', 'y=2'],
      ['Accept', 'a'],
    ],
  },
  'set replaces every value': {
    init: [
      ['x', '1'],
      ['y', '2'],
      ['X', '3'],
    ],
    steps: [(headers) => headers.set('x', 'only')],
  },
  'delete and append': {
    init: { a: '1', b: '2' },
    steps: [
      (headers) => headers.delete('A'),
      (headers) => headers.append('c', ''),
      (headers) => headers.append('B', '4'),
    ],
  },
  'another Headers as init': { init: new Headers({ authorization: 'Bearer t', 'x-api-key': 'k' }) },
};

function shown(headers: Headers | PlainHeaders) {
  const each: string[] = [];
  headers.forEach((value, name) => each.push(`${name}=${value}`));
  return {
    entries: [...headers],
    each,
    keys: [...headers.keys()],
    values: [...headers.values()],
    get: ['a', 'B', 'x', 'content-type', 'set-cookie', 'missing'].map((name) => headers.get(name)),
    has: ['a', 'X-A', 'missing'].map((name) => headers.has(name)),
    cookies: headers.getSetCookie(),
    tag: Object.prototype.toString.call(headers),
  };
}

describe('PlainHeaders', () => {
  for (const [name, { init, steps = [] }] of Object.entries(cases)) {
    it(`behaves as Node's Headers: ${name}`, () => {
      const node = new Headers(init);
      const plain = new PlainHeaders(init as ConstructorParameters<typeof PlainHeaders>[0]);
      for (const step of steps) {
        step(node);
        step(plain);
      }
      expect(shown(plain)).toEqual(shown(node));
    });
  }

  it('refuses what Node refuses: bad names, CR or LF in values, pairs that are not pairs', () => {
    const attempts: (() => unknown)[] = [
      () => new PlainHeaders({ 'bad name': '1' }),
      () => new PlainHeaders({ ok: 'line\nbreak' }),
      () => new PlainHeaders([['only-one']] as unknown as [string, string][]),
      () => new PlainHeaders().set('a:b', '1'),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(TypeError);
    expect(() => new Headers({ 'bad name': '1' })).toThrow(TypeError);
    expect(() => new Headers({ ok: 'line\nbreak' })).toThrow(TypeError);
  });

  it("counts as a Headers both ways: instanceof accepts Node's own, and Node's fetch takes it as a list", async () => {
    expect(new Headers() instanceof PlainHeaders).toBe(true);
    expect({} instanceof PlainHeaders).toBe(false);
    const request = new Request('http://127.0.0.1/', { headers: new PlainHeaders({ 'X-Trace': 'abc' }) });
    expect(request.headers.get('x-trace')).toBe('abc');
  });
});
