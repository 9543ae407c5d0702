// @vitest-environment jsdom
import { render, cleanup } from '@testing-library/react';
import { it } from 'vitest';
import { DiffViewer } from './diff-viewer.js';
import { FileTreeView } from './file-tree-view.js';
import { buildFileTree, filesInTreeOrder } from './file-tree.js';
import { buildDiffItems } from './diff-items.js';
import { makeFile } from './test-fixtures.js';

it('debug', async () => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 120 });
  const log = console.log;
  const files = Array.from({ length: 500 }, (_, index) =>
      makeFile(`pkg${index % 50}/file${String(index).padStart(3, '0')}.ts`, Array.from({ length: 40 }, (_, line) => (line % 2 ? `+added ${line}` : ` kept ${line}`))));
  let t = performance.now();
  const tree = buildFileTree(files); const ordered = filesInTreeOrder(tree);
  log('tree build', performance.now() - t); t = performance.now();
  buildDiffItems(ordered);
  log('items build', performance.now() - t); t = performance.now();
  render(<FileTreeView nodes={tree} selectedPath={null} onSelect={() => {}} />);
  log('tree render', performance.now() - t); cleanup(); t = performance.now();
  render(<FileTreeView nodes={tree} selectedPath={null} onSelect={() => {}} />);
  log('tree render 2', performance.now() - t); cleanup(); t = performance.now();
  render(<DiffViewer taskId="t" files={ordered} viewMode="unified" selectedPath={null} />);
  log('viewer render', performance.now() - t, document.querySelectorAll('.fl-review-row').length); cleanup(); t = performance.now();
  const files2 = files.map((f) => ({ ...f }));
  render(<DiffViewer taskId="t" files={files2} viewMode="unified" selectedPath={null} />);
  log('viewer render 2', performance.now() - t); cleanup();
});
