import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withSecurityHeaders } from './content-security.js';

const directives = new Map(
  contentSecurityPolicy.split('; ').map((part) => [part.split(' ')[0]!, part.split(' ').slice(1)]),
);

describe('the renderer CSP', () => {
  it('refuses everything by default and lets only the app run its own scripts', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https:|http:/);
  });

  it('allows no plugins, frames, forms, base rewrites or embedding, and no remote connections', () => {
    for (const directive of ['object-src', 'frame-src', 'child-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(directives.get(directive), directive).toEqual(["'none'"]);
    }
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('replaces whatever CSP a response carried and keeps its other headers', () => {
    const headers = withSecurityHeaders({
      'content-security-policy': ['default-src *'],
      'Content-Type': 'text/html',
      'x-custom': ['a', 'b'],
    });
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['x-custom']).toEqual(['a', 'b']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('adds the CSP to a response without headers', () => {
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
  });
});
