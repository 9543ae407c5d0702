import type { Scenario } from './scenario-types.js';

/** The model the server claims to be when a request names no scenario. */
export const defaultModel = 'scripted-model';

/** The model ids the server lists: the default model plus `scenario:NAME` for each scenario. */
export function modelIds(scenarios: readonly Scenario[]): string[] {
  return [defaultModel, ...scenarios.map((scenario) => `scenario:${scenario.name}`)];
}

/** One model in Anthropic's or OpenAI's shape (`GET /v1/models/{id}`). */
export function modelEntry(anthropic: boolean, id: string): unknown {
  return anthropic
    ? { type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }
    : { id, object: 'model', created: 1_735_689_600, owned_by: 'flotilla' };
}

/** `GET /v1/models`: every model id, in Anthropic's or OpenAI's list shape. */
export function modelList(anthropic: boolean, scenarios: readonly Scenario[]): unknown {
  const ids = modelIds(scenarios);
  const data = ids.map((id) => modelEntry(anthropic, id));
  if (anthropic) return { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
  return { object: 'list', data };
}
