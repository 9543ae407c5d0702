import { describe, expect, it } from 'vitest';
import { PlainResponse } from './plain-response.js';

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
}

describe('PlainResponse', () => {
  it("reads bodies as Node's Response does: text, JSON, bytes, a blob, and their content types", async () => {
    const bodies = ['{"a":1}', new TextEncoder().encode('bytes'), new Blob(['blob'], { type: 'text/x-blob' })];
    for (const body of bodies) {
      const node = new Response(body);
      const plain = new PlainResponse(body);
      expect(plain.headers.get('content-type')).toBe(node.headers.get('content-type'));
      expect(await plain.text()).toBe(await node.text());
    }
    expect(await new PlainResponse('{"a":[1,2]}').json()).toEqual({ a: [1, 2] });
    expect(new Uint8Array(await new PlainResponse(streamOf('ab', 'c')).arrayBuffer())).toEqual(
      new TextEncoder().encode('abc'),
    );
    expect(await (await new PlainResponse('x', { headers: { 'content-type': 'text/csv' } }).blob()).text()).toBe('x');
  });

  it('carries status, text and headers, and says whether it is ok', () => {
    const response = new PlainResponse(null, { status: 404, statusText: 'Not Found', headers: [['X-Id', '7']] });
    expect([response.status, response.statusText, response.ok, response.headers.get('x-id')]).toEqual([
      404,
      'Not Found',
      false,
      '7',
    ]);
    expect(new PlainResponse().ok).toBe(true);
    expect(() => new PlainResponse(null, { status: 99 })).toThrow(RangeError);
    expect(() => new PlainResponse('body', { status: 204 })).toThrow(TypeError);
  });

  it('refuses a second read, counts a taken reader as a read, and clones a body that can still be read', async () => {
    const read = new PlainResponse('once');
    await read.text();
    expect(read.bodyUsed).toBe(true);
    await expect(read.text()).rejects.toThrow(/already been read/);

    const streamed = new PlainResponse(streamOf('s'));
    streamed.body?.getReader();
    expect(streamed.bodyUsed).toBe(true);

    const original = new PlainResponse(streamOf('one ', 'two'), { status: 201 });
    const copy = original.clone();
    expect([await copy.text(), await original.text(), copy.status]).toEqual(['one two', 'one two', 201]);
  });

  it("counts as a Response both ways, and converts a body it does not make itself through Node's Response", async () => {
    expect(new Response('x') instanceof PlainResponse).toBe(true);
    expect(new PlainResponse('x') instanceof PlainResponse).toBe(true);
    const form = new PlainResponse(new URLSearchParams({ q: 'a b' }) as unknown as string);
    expect(form.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(await form.text()).toBe('q=a+b');
    const json = PlainResponse.json({ ok: 1 }, { status: 202 });
    expect([json.status, json.headers.get('content-type'), await json.json()]).toEqual([
      202,
      'application/json',
      { ok: 1 },
    ]);
  });
});
