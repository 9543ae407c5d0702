// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Automation, AutomationRun } from '../../../../shared/automation.js';
import { useStore } from '../../store/store.js';
import { ClientError } from '../../transport/client-error.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleAutomation, sampleRun } from '../../../../testing/renderer/automation-fixtures.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient, type FakeAnswers } from '../../../../testing/renderer/fake-client.js';
import { AutomationsView } from './automations-view.js';

afterEach(cleanup);

function setUp(automations: Automation[], answers: FakeAnswers = {}, runs: AutomationRun[] = []) {
  const client = scriptedClient({
    'automation/runs': ({ automationId }) => ({
      runs: runs.filter((run) => automationId === undefined || run.automationId === automationId),
    }),
    'repo/branches': () => ({ current: 'main', branches: ['main', 'develop'] }),
    ...answers,
  });
  loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', title: 'Review 1a2b3c4', status: 'done' })]);
  useStore.setState({
    view: 'automations',
    automations: Object.fromEntries(automations.map((automation) => [automation.id, automation])),
    automationsLoaded: true,
  });
  render(<AutomationsView />);
  return client;
}

const form = () => within(screen.getByTestId('automation-form'));

describe('the automation form', () => {
  it('creates an automation from what was typed and shows it', async () => {
    const client = setUp([], {
      'automation/create': (input) => ({
        automation: sampleAutomation({
          id: 'a9',
          name: input.name,
          trigger: input.trigger as Automation['trigger'],
          template: input.template as Automation['template'],
        }),
      }),
    });
    expect(screen.getByTestId('automations-empty').textContent).toContain('No automations yet.');
    fireEvent.click(screen.getByTestId('automation-new'));
    fireEvent.change(form().getByLabelText('Name', { exact: true }), { target: { value: 'review' } });
    fireEvent.change(form().getByLabelText('Branch to watch'), { target: { value: 'develop' } });
    fireEvent.change(form().getByLabelText('One run per'), { target: { value: 'commit' } });
    fireEvent.change(form().getByTestId('automation-prompt'), { target: { value: 'Review ' } });
    fireEvent.click(form().getByRole('button', { name: 'Insert {{commit.subject}}' }));
    fireEvent.change(form().getByLabelText('Runs per day'), { target: { value: '5' } });
    fireEvent.change(form().getByLabelText('When busy'), { target: { value: 'skip' } });
    fireEvent.click(form().getByTestId('automation-save'));

    const detail = await screen.findByTestId('automation-detail');
    expect(within(detail).getByRole('heading', { name: 'review' })).toBeTruthy();
    expect(within(detail).getByTestId('automation-trigger-text').textContent).toBe('Each new commit on develop');
    expect(client.calls.find((call) => call.method === 'automation/create')?.params).toMatchObject({
      repoId: 'r1',
      name: 'review',
      trigger: { on: 'commit', branch: 'develop', per: 'commit', includeOwnMerges: false },
      template: { prompt: 'Review {{commit.subject}}', agents: null, attempts: 1, verifyCommand: null },
      limits: { maxConcurrent: 1, whenBusy: 'skip', maxRunsPerDay: 5, maxUsdPerDay: null },
    });
    expect(screen.getByTestId('automation-row').textContent).toContain('Each new commit on develop');
  });

  it('shows what the engine refuses in its words, keeping what was typed', async () => {
    const refusal = '"0 25 * * *" is not a valid cron expression: Invalid value for hour: 25.';
    setUp([], {
      'automation/create': () => {
        throw new ClientError('invalidInput', refusal);
      },
    });
    fireEvent.click(screen.getByTestId('automation-new'));
    fireEvent.change(form().getByLabelText('Name', { exact: true }), { target: { value: 'nightly' } });
    fireEvent.change(form().getByLabelText('Trigger', { exact: true }), { target: { value: 'schedule' } });
    // The schedule's variables are offered instead of the commit's.
    expect(form().getByRole('button', { name: 'Insert {{schedule.due}}' })).toBeTruthy();
    expect(form().queryByRole('button', { name: 'Insert {{commit.sha}}' })).toBeNull();
    fireEvent.change(form().getByLabelText('Cron expression'), { target: { value: '0 25 * * *' } });
    expect(form().getByTestId('automation-next-runs').textContent).toContain('No next runs');
    fireEvent.change(form().getByTestId('automation-prompt'), { target: { value: 'Update dependencies' } });
    fireEvent.click(form().getByTestId('automation-save'));
    expect((await form().findByTestId('automation-form-error')).textContent).toBe(refusal);
    expect((form().getByLabelText('Cron expression') as HTMLInputElement).value).toBe('0 25 * * *');

    fireEvent.change(form().getByLabelText('Cron expression'), { target: { value: '0 7 * * 1-5' } });
    expect(form().getByTestId('automation-next-runs').textContent).toMatch(/^Next: /);
  });

  it('refuses a limit that is not a number before asking the engine, saying what to write', () => {
    const client = setUp([]);
    fireEvent.click(screen.getByTestId('automation-new'));
    fireEvent.change(form().getByLabelText('Dollars per day'), { target: { value: 'lots' } });
    fireEvent.click(form().getByTestId('automation-save'));
    expect(form().getByTestId('automation-form-error').textContent).toBe(
      'Give the dollars per day as an amount above 0, such as 5 or 2.50, or leave it empty for no limit.',
    );
    expect(client.calls.some((call) => call.method === 'automation/create')).toBe(false);
  });

  it('edits an automation: the changes replace its parts, and the repository stays', async () => {
    const client = setUp([sampleAutomation()], {
      'automation/update': ({ changes }) => ({
        automation: sampleAutomation({ template: changes.template as Automation['template'] }),
      }),
    });
    fireEvent.click(screen.getByTestId('automation-edit'));
    expect((form().getByLabelText('Repository') as HTMLSelectElement).disabled).toBe(true);
    expect((form().getByTestId('automation-prompt') as HTMLTextAreaElement).value).toBe('Review {{commit.short}}');
    fireEvent.change(form().getByTestId('automation-prompt'), { target: { value: 'Review {{commit.range}}' } });
    fireEvent.change(form().getByLabelText('Checks'), { target: { value: 'command' } });
    fireEvent.change(form().getByLabelText('Verify command'), { target: { value: 'npm test' } });
    fireEvent.click(form().getByTestId('automation-save'));
    const detail = await screen.findByTestId('automation-detail');
    expect(detail.textContent).toContain('Review {{commit.range}}');
    expect(detail.textContent).toContain('checks: npm test');
    const update = client.calls.find((call) => call.method === 'automation/update')?.params;
    expect(update).toMatchObject({
      automationId: 'a1',
      changes: { name: 'review', template: { prompt: 'Review {{commit.range}}', verifyCommand: 'npm test' } },
    });
    expect(update).not.toHaveProperty('changes.repoId');
  });
});

describe('the other triggers in the form', () => {
  it('a webhook automation shows the address to post to and, when asked, its secret', async () => {
    const client = setUp([], {
      'automation/create': (input) => ({
        automation: sampleAutomation({ id: 'w1', name: input.name, trigger: { on: 'webhook' } }),
      }),
      'automation/secret': () => ({ secret: 's3cret', path: '/hooks/w1' }),
    });
    fireEvent.click(screen.getByTestId('automation-new'));
    fireEvent.change(form().getByLabelText('Name', { exact: true }), { target: { value: 'triage' } });
    fireEvent.change(form().getByLabelText('Trigger', { exact: true }), { target: { value: 'webhook' } });
    expect(form().getByTestId('automation-webhook-hint').textContent).toContain('X-Hub-Signature-256');
    expect(form().getByRole('button', { name: 'Insert {{event.title}}' })).toBeTruthy();
    fireEvent.change(form().getByTestId('automation-prompt'), { target: { value: 'Investigate {{event.title}}' } });
    fireEvent.click(form().getByTestId('automation-save'));
    expect((await screen.findByTestId('automation-webhook-url')).textContent).toBe(
      `${window.location.origin}/hooks/w1`,
    );
    expect(screen.queryByTestId('automation-webhook-secret')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByTestId('automation-webhook-secret').textContent).toBe('s3cret');
    expect(client.calls.find((call) => call.method === 'automation/create')?.params).toMatchObject({
      trigger: { on: 'webhook' },
    });
  });

  it('a github trigger takes its interval in minutes and what to watch', async () => {
    const client = setUp([], {
      'automation/create': () => {
        throw new ClientError('invalidInput', 'The github trigger needs the gh command line: install it.');
      },
    });
    fireEvent.click(screen.getByTestId('automation-new'));
    fireEvent.change(form().getByLabelText('Trigger', { exact: true }), { target: { value: 'github' } });
    fireEvent.change(form().getByLabelText('Check GitHub every, in minutes'), { target: { value: '10' } });
    fireEvent.click(form().getByLabelText('New pull requests'));
    fireEvent.click(form().getByTestId('automation-save'));
    expect((await form().findByTestId('automation-form-error')).textContent).toBe(
      'The github trigger needs the gh command line: install it.',
    );
    expect(client.calls.find((call) => call.method === 'automation/create')?.params).toMatchObject({
      trigger: { on: 'github', intervalSeconds: 600, kinds: ['issues'] },
    });
  });

  it('a verify-failed trigger watches a branch and offers the failure’s variables', () => {
    setUp([]);
    fireEvent.click(screen.getByTestId('automation-new'));
    fireEvent.change(form().getByLabelText('Trigger', { exact: true }), { target: { value: 'verifyFailed' } });
    expect((form().getByLabelText('Branch to check') as HTMLInputElement).value).toBe('main');
    expect(form().getByRole('button', { name: 'Insert {{failure.output}}' })).toBeTruthy();
  });
});

describe('an automation’s actions', () => {
  it('pauses and resumes, runs now saying how it went, and removes after a confirmation', async () => {
    const client = setUp([sampleAutomation()], {
      'automation/pause': () => ({ automation: sampleAutomation({ paused: true }) }),
      'automation/resume': () => ({ automation: sampleAutomation({ paused: false }) }),
      'automation/run': () => ({
        run: sampleRun({ id: 'run2', state: 'skipped', detail: 'It ran 5 times today, its daily limit.', taskIds: [] }),
      }),
      'automation/remove': () => ({ removed: true }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(screen.getByTestId('automation-state').textContent).toBe('paused'), { timeout: 5_000 });
    // The state shows from the store a render before the action ends and enables the button again; a click on the
    // disabled button would be lost (this raced on a loaded CI machine).
    const resume = screen.getByRole('button', { name: 'Resume' }) as HTMLButtonElement;
    await waitFor(() => expect(resume.disabled).toBe(false), { timeout: 5_000 });
    fireEvent.click(resume);
    await waitFor(() => expect(screen.getByTestId('automation-state').textContent).toBe('on'), { timeout: 5_000 });

    fireEvent.click(screen.getByTestId('automation-run-now'));
    expect((await screen.findByTestId('automation-note', {}, { timeout: 5_000 })).textContent).toBe(
      'Skipped: It ran 5 times today, its daily limit.',
    );
    expect(screen.getByTestId('automation-run').textContent).toContain('It ran 5 times today, its daily limit.');

    fireEvent.click(screen.getByTestId('automation-remove'));
    const dialog = screen.getByTestId('automation-remove-dialog');
    expect(dialog.textContent).toContain('The tasks its runs started stay');
    expect(client.calls.some((call) => call.method === 'automation/remove')).toBe(false);
    fireEvent.click(within(dialog).getByTestId('automation-remove-confirm'));
    await waitFor(() => expect(screen.queryByTestId('automation-row')).toBeNull(), { timeout: 5_000 });
    expect(screen.getByTestId('automations-empty')).toBeTruthy();
    expect(client.calls.filter((call) => call.method === 'automation/remove')).toEqual([
      { method: 'automation/remove', params: { automationId: 'a1' } },
    ]);
  });

  it('shows an engine error from an action as it is', async () => {
    setUp([sampleAutomation()], {
      'automation/run': () => {
        throw new ClientError('invalidInput', 'The run was refused.');
      },
    });
    fireEvent.click(screen.getByTestId('automation-run-now'));
    expect((await screen.findByTestId('automation-error')).textContent).toBe('The run was refused.');
  });
});

describe('changes another client makes', () => {
  it('show at once: a new automation, a pause, a removal, a run', async () => {
    const client = setUp([sampleAutomation()]);
    client.onChange((change) => useStore.getState().ingestChange(change));
    client.change({ type: 'automation.changed', automation: sampleAutomation({ id: 'a2', name: 'deps' }) });
    await waitFor(() => expect(screen.getAllByTestId('automation-row')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('automation-row')[1]!);
    expect(screen.getByRole('heading', { name: 'review' })).toBeTruthy();
    client.change({ type: 'automation.changed', automation: sampleAutomation({ paused: true }) });
    await waitFor(() => expect(screen.getByTestId('automation-state').textContent).toBe('paused'), { timeout: 5_000 });
    client.change({ type: 'automation.ran', run: sampleRun({ id: 'live', firedAt: '2026-02-01T07:00:00.000Z' }) });
    await waitFor(() => expect(screen.getByTestId('automation-run').getAttribute('data-run-id')).toBe('live'));
    expect(screen.getByTestId('run-state').textContent).toBe('Running');
    client.change({ type: 'automation.removed', automationId: 'a1' });
    await waitFor(() => expect(screen.getAllByTestId('automation-row')).toHaveLength(1));
    expect(screen.getByRole('heading', { name: 'deps' })).toBeTruthy();
  });
});

describe('an automation’s last runs', () => {
  it('lists them newest first: when, state, late, why it fired, the detail, and tasks that open', async () => {
    const runs = [
      sampleRun({ id: 'old', firedAt: '2026-01-01T07:00:00.000Z', inbox: 'read', outcome: '2 files changed' }),
      sampleRun({
        id: 'late',
        firedAt: '2026-01-02T07:00:00.000Z',
        reason: 'schedule 0 7 * * *, due 2026-01-02T07:00:00.000Z, late by 2 h',
        late: true,
        state: 'queued',
        taskIds: [],
      }),
      sampleRun({
        id: 'skip',
        firedAt: '2026-01-03T07:00:00.000Z',
        state: 'skipped',
        detail: 'Another run is still working and the automation skips when busy.',
        taskIds: [],
      }),
    ];
    setUp([sampleAutomation()], {}, runs);
    await waitFor(() => expect(screen.getAllByTestId('automation-run')).toHaveLength(3));
    const items = screen.getAllByTestId('automation-run');
    expect(items.map((item) => item.getAttribute('data-run-id'))).toEqual(['skip', 'late', 'old']);
    expect(within(items[0]!).getByTestId('run-state').textContent).toBe('Skipped');
    expect(within(items[0]!).getByTestId('run-detail').textContent).toBe(
      'Another run is still working and the automation skips when busy.',
    );
    expect(within(items[1]!).getByTestId('run-state').textContent).toBe('Queued');
    expect(within(items[1]!).getByTestId('run-late').textContent).toBe('late');
    expect(within(items[2]!).getByTestId('run-state').textContent).toBe('2 files changed');
    expect(within(items[2]!).getByTestId('run-reason').textContent).toBe(
      'new commit 1a2b3c4 on main: Add the login page',
    );
    expect(screen.getByTestId('automation-last').textContent).toContain('Skipped');

    fireEvent.click(within(items[2]!).getByTestId('run-task'));
    expect(useStore.getState()).toMatchObject({ view: 'task', selectedTaskId: 't1' });
  });
});
