import { describe, expect, it } from 'vitest';
import { windowJsFlags, withWindowJsFlags } from './window-v8.js';

describe('the window V8 flags', () => {
  it('turn Sparkplug off unless FLOTILLA_SPARKPLUG=1 keeps it', () => {
    expect(windowJsFlags({})).toEqual(['--no-sparkplug']);
    expect(windowJsFlags({ FLOTILLA_SPARKPLUG: '1' })).toEqual([]);
  });

  it("come after a person's own flags, and never override one they set either way", () => {
    expect(withWindowJsFlags('', {})).toBe('--no-sparkplug');
    expect(withWindowJsFlags('--max-old-space-size=512', {})).toBe('--max-old-space-size=512 --no-sparkplug');
    expect(withWindowJsFlags('--sparkplug', {})).toBe('--sparkplug');
    expect(withWindowJsFlags('--no-sparkplug  --expose-gc', {})).toBe('--no-sparkplug --expose-gc');
    expect(withWindowJsFlags('--expose-gc', { FLOTILLA_SPARKPLUG: '1' })).toBe('--expose-gc');
  });
});
