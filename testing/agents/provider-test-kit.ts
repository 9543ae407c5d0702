import type { ProviderId } from '../../shared/repo.js';
import type { ModelServer } from '../model-server/server.js';
import type {
  ModelProvider,
  ModelRequest,
  ModelStreamHandlers,
  ProviderConnection,
} from '../../engine/agents/builtin/provider.js';
import type { ToolSpec } from '../../engine/agents/builtin/transcript.js';
import { createProvider } from '../../engine/agents/builtin/providers/index.js';

/** Streaming handlers that record every delta, for tests. */
export interface RecordingHandlers extends ModelStreamHandlers {
  texts: string[];
  reasonings: string[];
}

/** Handlers that record deltas in the order they arrive. */
export function recordingHandlers(): RecordingHandlers {
  const texts: string[] = [];
  const reasonings: string[] = [];
  return {
    texts,
    reasonings,
    onText: (delta) => void texts.push(delta),
    onReasoning: (delta) => void reasonings.push(delta),
  };
}

/** Two small tools, as the agent loop would offer them. */
export const testTools: ToolSpec[] = [
  {
    name: 'read_file',
    description: 'Reads a file.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
  {
    name: 'write_file',
    description: 'Writes a file.',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    },
  },
];

/** A model request with test defaults; override any field. */
export function testRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'test-model',
    system: 'You are a test agent.',
    transcript: [{ kind: 'user', text: 'Say hello.' }],
    tools: testTools,
    maxOutputTokens: 1024,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** The base URL each SDK is pointed at: Anthropic's includes no `/v1`, OpenAI's does. */
export function baseUrlFor(provider: ProviderId, server: ModelServer): string {
  return provider === 'anthropic' ? server.url : `${server.url}/v1`;
}

/** A real adapter (real SDK) pointed at the scripted model server. */
export function providerFor(
  provider: ProviderId,
  server: ModelServer,
  connection: Partial<ProviderConnection> = {},
): ModelProvider {
  return createProvider(provider, { apiKey: 'test-key', baseUrl: baseUrlFor(provider, server), ...connection });
}

/** The JSON body the server recorded for request `index` (0-based). */
export function recordedBody(server: ModelServer, index: number): Record<string, unknown> {
  const body = server.requests[index]?.body;
  if (typeof body !== 'object' || body === null) throw new Error(`request ${index} has no JSON body`);
  return body as Record<string, unknown>;
}
