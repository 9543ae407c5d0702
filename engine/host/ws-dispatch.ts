import { commands, isCommandName } from '../../shared/commands.js';
import { requestMessageSchema } from '../../shared/protocol.js';
import type { EngineApi } from '../engine-api.js';
import { EngineError, toErrorData } from '../errors.js';

/**
 * Answers one client message: runs the command it names and replies `{id, result}` or
 * `{id, error}`. Messages that cannot be read get an error with id 0 (clients number calls from 1).
 */
export async function handleMessage(
  engine: Pick<EngineApi, 'call'>,
  text: string | null,
  reply: (message: unknown) => void,
): Promise<void> {
  const raw = text === null ? undefined : parseJson(text);
  const parsed = requestMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown } | undefined)?.id === 'number' ? (raw as { id: number }).id : 0;
    const why = raw === undefined ? 'it is not JSON text' : 'it is not {id, method, params}';
    return reply({ id, error: new EngineError('invalidInput', `Could not read the message: ${why}.`).toData() });
  }
  const { id, method, params } = parsed.data;
  if (!isCommandName(method)) {
    const known = Object.keys(commands).join(', ');
    return reply({
      id,
      error: new EngineError('invalidInput', `Unknown method "${method}". Methods: ${known}.`).toData(),
    });
  }
  try {
    // The engine validates params against the shared schema itself.
    const result = await engine.call(method, (params ?? {}) as never);
    reply({ id, result });
  } catch (error) {
    reply({ id, error: toErrorData(error) });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
