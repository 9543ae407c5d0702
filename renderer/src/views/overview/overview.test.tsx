// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { Overview } from './overview.js';

afterEach(cleanup);

describe('overview', () => {
  it('offers the discarded tasks only once there are some', async () => {
    const discarded = sampleTask({ id: 't2', title: 'Thrown away', status: 'discarded' });
    const client = scriptedClient({
      'task/events': () => ({ events: [] }),
      'task/list': () => ({ tasks: [discarded] }),
    });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', title: 'Kept', status: 'done' })]);
    render(<Overview />);
    expect(screen.getByTestId('overview-recent').textContent).toContain('Kept');
    expect(screen.queryByTestId('toggle-discarded')).toBeNull();

    const next = eventStream('t1');
    act(() => client.emit([next({ type: 'status.changed', status: 'discarded', previous: 'done', message: null })]));
    await act(async () => fireEvent.click(screen.getByTestId('toggle-discarded')));
    expect(client.calls.some((call) => call.method === 'task/list')).toBe(true);
    expect(screen.getByText('Thrown away')).toBeTruthy();
  });
});
