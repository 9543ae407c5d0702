import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';

// Settings → Model providers against the scripted model server, which answers only a known key:
// Test says whether the typed key works before it is saved, and the default-model picker offers
// what the server lists.
const rightKey = 'sk-e2e-right';
const flotilla = useFlotilla({ modelServer: { apiKeys: ['e2e-key', rightKey] } });

test('Test says a wrong key was rejected and a right one works, and the default model picker lists the server’s models', async ({
  page,
}, testInfo) => {
  await flotilla.open(page);
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('provider-openai');
  const url = `${flotilla.model.url}/v1`;
  await card.getByLabel('OpenAI base URL').fill(url);

  await card.getByLabel('OpenAI API key').fill('sk-e2e-wrong');
  await card.getByRole('button', { name: 'Test the OpenAI settings' }).click();
  const result = card.getByTestId('provider-test-result-openai');
  await expect(result).toHaveText(
    '✕ OpenAI rejected the API key (HTTP 401). Check that it was copied whole and is still active, or make a new one, then paste it again.',
  );
  await expect(result).toHaveAttribute('role', 'alert');
  // Testing saves nothing, and never shows the key.
  await expect(card.getByTestId('provider-key-state-openai')).toHaveText('no key');
  await saveScreenshot(page, testInfo, 'settings-provider-test-rejected');

  await card.getByLabel('OpenAI API key').fill(rightKey);
  await card.getByRole('button', { name: 'Test the OpenAI settings' }).click();
  await expect(result).toHaveText(
    new RegExp(
      `^✓ OpenAI answered at ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the key works and \\d+ models are available\\. Save to use these settings\\.$`,
    ),
  );
  await expect(result).toHaveAttribute('role', 'status');
  await saveScreenshot(page, testInfo, 'settings-provider-test-ok');

  await card.getByTestId('provider-save-openai').click();
  await expect(card.getByTestId('provider-key-state-openai')).toHaveText('key set');

  // The default model picker offers the server's models for both providers pointed at it, asked again with the saved key.
  const model = page.getByRole('combobox', { name: 'Default model' });
  await model.fill('');
  await model.pressSequentially('scripted-model');
  const listed = page.getByRole('listbox', { name: 'Default model' }).locator('.combobox-value');
  await expect(listed).toHaveText(['compatible:scripted-model', 'openai:scripted-model']);
  await saveScreenshot(page, testInfo, 'settings-default-model-picker');
  await model.press('ArrowDown');
  await model.press('Enter');
  await expect(model).toHaveValue('openai:scripted-model');

  // The stored settings test OK too (nothing typed now).
  await card.getByRole('button', { name: 'Test the OpenAI settings' }).click();
  await expect(result).toHaveText(/^✓ OpenAI answered at .*: the key works and \d+ models are available\.$/);

  // No request carried the key back to the page.
  await expect(page.locator('body')).not.toContainText(rightKey);
});
