/**
 * The built-in agent's provider-neutral conversation. Each wire adapter translates it to and
 * from its API; the thread log is the durable copy, this is rebuilt from it every turn.
 */
export type TranscriptItem =
  | { kind: 'user'; text: string }
  | { kind: 'assistant'; text: string }
  | { kind: 'toolCall'; id: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; ok: boolean; output: string }
  /** A handoff summary that replaces everything before it (written by compaction). */
  | { kind: 'summary'; text: string };

/** A tool as offered to the model. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the tool's input object. */
  inputSchema: Record<string, unknown>;
}
