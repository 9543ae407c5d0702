// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { it } from 'vitest';
import { DiffViewer } from './diff-viewer.js';
import { makeFile } from './test-fixtures.js';

it('debug', async () => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 120 });
  const files = [makeFile('a.ts', [' const a = 1;', '-let b = 2;', '+let c = "x";'])];
  render(<DiffViewer taskId="t" files={files} viewMode="unified" selectedPath={null} />);
  await new Promise((r) => setTimeout(r, 200));
  console.log('tokens', document.querySelectorAll('.token').length, document.querySelectorAll('.diff-code-edit').length);
  console.log(document.querySelector('.diff-code')?.outerHTML);
});
