import type { Scenario, ScriptStep } from './scenario-types.js';

/** The step chosen for a request, or why there is none. */
export type StepPick =
  { kind: 'step'; step: ScriptStep; scenario: string; stepNumber: number } | { kind: 'none'; reason: string };

interface Cursor {
  scenario: Scenario;
  next: number;
}

const markerPattern = /\[\[scenario:([A-Za-z0-9_-]+)\]\]/g;

/** The scenario a request names: the last `[[scenario:NAME]]` marker anywhere in its body, else a `scenario:NAME` model. */
export function scenarioNameOf(body: Record<string, unknown>): string | null {
  const markers = [...JSON.stringify(body).matchAll(markerPattern)];
  const marker = markers.at(-1)?.[1];
  if (marker !== undefined) return marker;
  const model = body['model'];
  return typeof model === 'string' && model.startsWith('scenario:') ? model.slice('scenario:'.length) : null;
}

/**
 * Hands out scripted steps: requests naming a scenario walk that scenario's own cursor (so a multi-step
 * conversation carrying its marker advances step by step); other requests drain the default queue.
 */
export class ScriptQueue {
  readonly #catalog: Map<string, Scenario>;
  readonly #named = new Map<string, Cursor>();
  readonly #queue: Cursor[] = [];

  constructor(catalog: readonly Scenario[]) {
    this.#catalog = new Map(catalog.map((scenario) => [scenario.name, scenario]));
  }

  /** Appends a scenario to the default queue; it plays after the ones already queued. */
  add(scenario: Scenario): void {
    this.#queue.push({ scenario, next: 0 });
  }

  /** Steps left in the default queue (a looping scenario counts its remaining steps once). */
  remaining(): number {
    return this.#queue.reduce((sum, cursor) => sum + cursor.scenario.steps.length - cursor.next, 0);
  }

  /** The next step for a request with this JSON body. */
  pick(body: Record<string, unknown>): StepPick {
    const name = scenarioNameOf(body);
    if (name !== null) return this.#pickNamed(name);
    for (let head = this.#queue[0]; head !== undefined; head = this.#queue[0]) {
      const pick = take(head);
      if (pick) return pick;
      this.#queue.shift();
    }
    return {
      kind: 'none',
      reason: 'the script is empty; queue steps with server.script() or name a scenario with [[scenario:NAME]]',
    };
  }

  #pickNamed(name: string): StepPick {
    const scenario = this.#catalog.get(name);
    if (!scenario)
      return { kind: 'none', reason: `unknown scenario "${name}" (known: ${[...this.#catalog.keys()].join(', ')})` };
    const cursor = this.#named.get(name) ?? { scenario, next: 0 };
    this.#named.set(name, cursor);
    return take(cursor) ?? { kind: 'none', reason: `scenario "${name}" has used all ${scenario.steps.length} steps` };
  }
}

function take(cursor: Cursor): StepPick | null {
  const steps = cursor.scenario.steps;
  if (cursor.next >= steps.length && cursor.scenario.loop) cursor.next = 0;
  const step = steps[cursor.next];
  if (step === undefined) return null;
  cursor.next += 1;
  return { kind: 'step', step, scenario: cursor.scenario.name, stepNumber: cursor.next };
}
