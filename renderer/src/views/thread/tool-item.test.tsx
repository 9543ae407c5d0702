// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { fakeLayout } from '../../../../testing/renderer/fake-layout.js';
import { ThreadView } from './thread-view.js';

let restoreLayout: () => void = () => undefined;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

describe('a tool row', () => {
  it('shows a finished bash command’s output once, under Result, and a running one’s live output', async () => {
    const next = eventStream('t1');
    const history = [
      next({ type: 'tool.started', callId: 'done', name: 'bash', input: { command: 'npm test' } }),
      next({ type: 'tool.output', callId: 'done', text: 'PASS alpha\n' }),
      next({ type: 'tool.output', callId: 'done', text: 'PASS beta\n' }),
      next({
        type: 'tool.finished',
        callId: 'done',
        ok: true,
        result: 'PASS alpha\nPASS beta\n[exit code 0]',
        durationMs: 900,
      }),
      next({ type: 'tool.started', callId: 'live', name: 'bash', input: { command: 'npm run build' } }),
      next({ type: 'tool.output', callId: 'live', text: 'building…\n' }),
    ];
    loadStore(
      scriptedClient({ 'task/events': () => ({ events: history }) }),
      [sampleRepo()],
      [sampleTask({ id: 't1', status: 'running', hasWorktree: true })],
    );
    render(<ThreadView taskId="t1" />);
    const [finished, running] = await screen.findAllByTestId('tool-call');
    fireEvent.click(finished!);
    fireEvent.click(running!);
    const [finishedBody, runningBody] = [...document.querySelectorAll('.expandable-body')];
    expect(finishedBody?.textContent?.match(/PASS alpha/g)).toHaveLength(1);
    expect([...finishedBody!.querySelectorAll('.tool-section-label')].map((label) => label.textContent)).toEqual([
      'Arguments',
      'Result',
    ]);
    expect([...runningBody!.querySelectorAll('.tool-section-label')].map((label) => label.textContent)).toEqual([
      'Arguments',
      'Output',
    ]);
    expect(runningBody?.textContent).toContain('building…');
  });
});
