import { mkdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineError } from '../errors.js';
import { resolveInside } from './confine.js';
import type { Agent, AgentTurnContext, TurnOutcome } from './agent.js';

/**
 * A deterministic agent for tests and demos without API keys. Each line of the prompt is a step:
 *   write <path> <text>    create or replace a file (`\n` in text becomes a newline)
 *   append <path> <text>   append to a file
 *   delete <path>          delete a file
 *   say <text>             reply with text
 *   sleep <ms>             wait (stops promptly when the task is stopped)
 *   fail <message>         end the turn with an error
 *   ask <command>          ask the user to approve a command (as in "ask" mode) and say the answer
 *   spend <tokens> <usd>   report a model call's usage: that many output tokens, costing that much
 * A prompt with no step lines gets a short reply, and any `name.ext` it mentions is created.
 */
export const scriptedAgent: Agent = {
  id: 'scripted',
  name: 'Scripted test agent',
  async detect() {
    return {
      available: true,
      detail: 'Built in; follows step lines in the prompt (write, append, delete, say, sleep, fail, ask, spend).',
    };
  },
  async runTurn(context) {
    const steps = parseSteps(context.prompt);
    if (steps.length === 0) steps.push(...defaultSteps(context.prompt));
    for (const [index, step] of steps.entries()) {
      context.signal.throwIfAborted();
      await runStep(step, context, `${context.taskId}-${context.turn}-${index}`);
    }
    context.emit({
      type: 'usage',
      model: 'scripted',
      inputTokens: context.prompt.length,
      outputTokens: steps.length,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd: 0,
    });
    return { reason: 'completed' } satisfies TurnOutcome;
  },
};

type Step =
  | { kind: 'write' | 'append'; path: string; text: string }
  | { kind: 'delete'; path: string }
  | { kind: 'say'; text: string }
  | { kind: 'sleep'; ms: number }
  | { kind: 'fail'; message: string }
  | { kind: 'ask'; command: string }
  | { kind: 'spend'; tokens: number; usd: number };

function parseSteps(prompt: string): Step[] {
  const steps: Step[] = [];
  for (const raw of prompt.split('\n')) {
    const line = raw.trim();
    const [verb = '', ...rest] = line.split(' ');
    const argument = rest.join(' ');
    const [path = '', ...words] = rest;
    const text = words.join(' ').replace(/\\n/g, '\n');
    if ((verb === 'write' || verb === 'append') && path) steps.push({ kind: verb, path, text });
    else if (verb === 'delete' && path) steps.push({ kind: 'delete', path });
    else if (verb === 'say') steps.push({ kind: 'say', text: argument });
    else if (verb === 'sleep' && Number.isFinite(Number(argument))) steps.push({ kind: 'sleep', ms: Number(argument) });
    else if (verb === 'fail') steps.push({ kind: 'fail', message: argument || 'scripted failure' });
    else if (verb === 'ask' && argument) steps.push({ kind: 'ask', command: argument });
    else if (verb === 'spend' && rest.length === 2 && rest.every((word) => Number.isFinite(Number(word)))) {
      steps.push({ kind: 'spend', tokens: Number(rest[0]), usd: Number(rest[1]) });
    }
  }
  return steps;
}

function defaultSteps(prompt: string): Step[] {
  const files = [...prompt.matchAll(/\b([\w./-]+\.[A-Za-z]{1,8})\b/g)].map((match) => match[1] ?? '').filter(Boolean);
  const steps: Step[] = [{ kind: 'say', text: `Scripted agent here. I was asked: "${prompt.trim()}".` }];
  for (const path of files)
    steps.push({
      kind: 'write',
      path,
      text: `# ${path}\n\nWritten by Flotilla's scripted agent for: ${prompt.trim()}\n`,
    });
  return steps;
}

async function runStep(step: Step, context: AgentTurnContext, callId: string): Promise<void> {
  switch (step.kind) {
    case 'say':
      for (const word of step.text.split(/(?<= )/)) context.emit({ type: 'agent.text', text: word });
      context.emit({ type: 'agent.text', text: '\n' });
      return;
    case 'sleep':
      await sleep(step.ms, undefined, { signal: context.signal });
      return;
    case 'fail':
      throw new EngineError('internal', step.message);
    case 'ask': {
      const decision = await context.requestApproval({
        tool: 'bash',
        input: { command: step.command },
        summary: step.command,
      });
      context.signal.throwIfAborted();
      context.emit({
        type: 'agent.text',
        text: `${decision === 'approve' ? 'Approved' : 'Denied'}: ${step.command}\n`,
      });
      return;
    }
    case 'spend':
      context.emit({
        type: 'usage',
        model: 'scripted',
        inputTokens: 0,
        outputTokens: step.tokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd: step.usd,
      });
      return;
    case 'write':
    case 'append':
    case 'delete':
      return fileStep(step, context, callId);
    default: {
      const unreachable: never = step;
      throw new Error(`Unknown step ${JSON.stringify(unreachable)}`);
    }
  }
}

async function fileStep(
  step: Extract<Step, { path: string }>,
  context: AgentTurnContext,
  callId: string,
): Promise<void> {
  const name = step.kind === 'delete' ? 'delete_file' : step.kind === 'append' ? 'append_file' : 'write_file';
  const started = performance.now();
  context.emit({ type: 'tool.started', callId, name, input: { path: step.path } });
  try {
    const target = await resolveInside(context.cwd, step.path);
    if (step.kind === 'delete') await rm(target);
    else {
      await mkdir(dirname(target), { recursive: true });
      await (step.kind === 'append' ? appendFile : writeFile)(target, step.text);
    }
    context.emit({
      type: 'tool.finished',
      callId,
      ok: true,
      result: `${step.kind} ${step.path}`,
      durationMs: Math.round(performance.now() - started),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.emit({
      type: 'tool.finished',
      callId,
      ok: false,
      result: message,
      durationMs: Math.round(performance.now() - started),
    });
  }
}
