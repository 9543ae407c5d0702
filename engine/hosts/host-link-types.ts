import type { HostLinkState } from '../../shared/hosts.js';
import type { EngineHello } from '../../shared/protocol.js';
import type { EngineApi } from '../engine-api.js';

/** What the remote engine said about itself in its hello line. */
export type HostEngineInfo = EngineHello;

/**
 * A live, self-healing link to one remote host's engine over ssh: an EngineApi whose subscriptions survive reconnects
 * (the event stream resumes from the last sequence number per task, with no event lost or repeated).
 */
export interface HostLink extends EngineApi {
  /** The host's name in hosts.json. */
  readonly name: string;
  /** The link's state now. */
  readonly state: HostLinkState;
  /** Why the link last failed, saying what to do; null while healthy. */
  readonly error: string | null;
  /** The remote engine's hello, once connected. */
  readonly info: HostEngineInfo | null;
  /** Receives every state change; returns the unsubscribe function. */
  onState(listener: (state: HostLinkState) => void): () => void;
}
