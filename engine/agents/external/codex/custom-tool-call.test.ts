import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyToolCalls } from '../../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../../testing/model-server/server.js';
import { postJson, readSse, requestBodies } from '../../../../testing/model-server/test-client.js';

// Codex declares apply_patch as a freeform (`custom`) tool; the scripted server must answer such calls as
// custom_tool_call items, or Codex rejects them ("tool apply_patch invoked with incompatible payload").
let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

const patch = '*** Begin Patch\n*** Add File: a.txt\n+hello\n*** End Patch\n';
const body = (stream: boolean) => ({
  ...requestBodies.responses('patch it', stream),
  tools: [
    {
      type: 'custom',
      name: 'apply_patch',
      description: 'edit files',
      format: { type: 'grammar', syntax: 'lark', definition: 'start: /.+/' },
    },
    { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: {} } },
  ],
});

describe('scripted Responses server: freeform tools', () => {
  it('streams a call to a declared custom tool as a custom_tool_call whose input is the patch text', async () => {
    server.script(
      replyToolCalls([
        { name: 'apply_patch', arguments: { input: patch } },
        { name: 'exec_command', arguments: { cmd: 'ls' } },
      ]),
    );
    const { messages } = await readSse(await postJson(`${server.url}/v1/responses`, body(true)));
    const events = messages.map(
      (message) =>
        JSON.parse(message.data) as {
          type: string;
          delta?: string;
          item?: Record<string, unknown>;
          response?: { output: Record<string, unknown>[] };
        },
    );
    const deltas = events
      .filter((event) => event.type === 'response.custom_tool_call_input.delta')
      .map((event) => event.delta)
      .join('');
    expect(deltas).toBe(patch);
    const items = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
    expect(items.map((item) => item?.['type'])).toEqual(['custom_tool_call', 'function_call']);
    expect(items[0]).toMatchObject({ name: 'apply_patch', input: patch, call_id: expect.stringMatching(/^call_/) });
    expect(events.at(-1)?.response?.output.map((item) => item['type'])).toEqual(['custom_tool_call', 'function_call']);
  });

  it('answers a non-streaming request with the same custom_tool_call item', async () => {
    server.script(replyToolCalls([{ name: 'apply_patch', arguments: { input: patch } }]));
    const reply = (await (await postJson(`${server.url}/v1/responses`, body(false))).json()) as {
      output: Record<string, unknown>[];
    };
    expect(reply.output).toEqual([
      expect.objectContaining({ type: 'custom_tool_call', name: 'apply_patch', input: patch }),
    ]);
  });
});
