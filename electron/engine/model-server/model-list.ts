import type { Scenario } from './scenario-types.js';

/** The model the server claims to be when a request names no scenario. */
export const defaultModel = 'scripted-model';

/** `GET /v1/models`: the default model plus `scenario:NAME` for each scenario, in Anthropic's or OpenAI's list shape. */
export function modelList(anthropic: boolean, scenarios: readonly Scenario[]): unknown {
  const ids = [defaultModel, ...scenarios.map((scenario) => `scenario:${scenario.name}`)];
  if (anthropic) {
    const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
    return { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
  }
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_735_689_600, owned_by: 'flotilla' })) };
}
