import { expect, type Locator, type Page } from '@playwright/test';

/** What to start from the composer. */
export interface TaskRequest {
  prompt: string;
  /** An agent id from the composer's Agent list (`scripted`, `builtin`). */
  agent: string;
  /** `provider:model`; empty for the engine's default. */
  model?: string;
  attempts?: number;
}

/**
 * Starts a task the way a user does: New task, prompt, agent and model, Start. Resolves with the
 * id of the task whose thread the app then shows.
 */
export async function dispatchTask(page: Page, request: TaskRequest): Promise<string> {
  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  await expect(composer).toBeVisible();
  await composer.getByLabel('Task prompt').fill(request.prompt);
  await composer.getByLabel('Agent', { exact: true }).selectOption(request.agent);
  // Agents that pick their own model have the field switched off.
  const model = composer.getByLabel('Model');
  if (await model.isEnabled()) await model.fill(request.model ?? '');
  if (request.attempts) await composer.getByLabel('Number of attempts').fill(String(request.attempts));
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);
  const title = request.prompt.trim().split('\n')[0] ?? '';
  await expect(page.getByTestId('thread-header').getByRole('heading', { level: 1 })).toHaveText(title);
  const row = page.locator('[data-testid="task-row"][aria-current="page"]');
  const id = await row.getAttribute('data-task-id');
  if (!id) throw new Error(`No selected task row after starting "${title}"`);
  return id;
}

/** The sidebar row of a task. */
export function taskRow(page: Page, taskId: string): Locator {
  return page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
}

/** Opens a task's page from the sidebar and waits for its header. */
export async function openTask(page: Page, taskId: string): Promise<void> {
  await taskRow(page, taskId).click();
  await expect(page.getByTestId('thread-header')).toBeVisible();
  await expect(taskRow(page, taskId)).toHaveAttribute('aria-current', 'page');
}

/** Switches the open task to its Review tab and waits for the diff to load. */
export async function openReview(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Review' }).click();
  const panel = page.getByTestId('review-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('review-totals')).toBeVisible();
  return panel;
}

/** Waits until a task's sidebar row shows one of the statuses. */
export async function waitForStatus(
  page: Page,
  taskId: string,
  status: string | RegExp,
  timeout = 30_000,
): Promise<void> {
  await expect(taskRow(page, taskId)).toHaveAttribute('data-status', status, { timeout });
}
