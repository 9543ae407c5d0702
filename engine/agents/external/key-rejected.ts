import { isObject } from './json-values.js';

/** Whose credentials an external agent ran with, and how they are named, to say where to fix a rejected one. */
export interface AgentCredentials {
  /** The agent as the thread names it ("Claude Code"). */
  label: string;
  /** 'flotilla': the provider key from Flotilla's settings; 'user': the person's own CLI login. */
  kind: 'flotilla' | 'user';
  /** The model provider whose key Flotilla passes ("Anthropic"), and the variable it falls back to. */
  provider: string;
  keyVariable: string;
  /** What logs the CLI in again, for the person's own login ("run `claude` in a terminal and log in"). */
  login: string;
}

/**
 * The one message a turn fails with when the model API rejected the agent's credentials: that the
 * key (or login) was rejected, and where to fix it. Retrying cannot help, so the agent is stopped
 * at the first rejection instead of retrying for a minute.
 */
export function keyRejectedMessage(credentials: AgentCredentials, status: number | null): string {
  const code = status === null ? '' : ` (HTTP ${status})`;
  const { label, provider, keyVariable } = credentials;
  if (credentials.kind === 'user') {
    return `${label}: the ${provider} API rejected your own ${label} login${code}. Log in again (${credentials.login}), or turn off “Use my own login” for ${label} in Settings → Agents on this machine to use Flotilla's ${provider} key.`;
  }
  return `${label}: the ${provider} API key was rejected${code}. Set a valid key in Settings → Providers (or ${keyVariable}), or turn on “Use my own login” for ${label} in Settings → Agents on this machine.`;
}

/** True for the HTTP statuses a model API answers a bad or unauthorised key with. */
export function isAuthStatus(status: unknown): status is 401 | 403 {
  return status === 401 || status === 403;
}

/** The first 401 or 403 `httpStatusCode` anywhere in a structured error (Codex nests it by error kind), or null. */
export function authStatusIn(value: unknown, depth = 0): number | null {
  if (!isObject(value) || depth > 4) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'httpStatusCode' && isAuthStatus(inner)) return inner;
    const found = authStatusIn(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The auth status an error message names ("unexpected status 401 Unauthorized"), or null. */
export function authStatusInText(text: string): number | null {
  if (
    /\b401\b[^\n]*unauthori[sz]ed|\bunauthori[sz]ed\b[^\n]*\b401\b|invalid[_ ]api[_ ]key|incorrect api key|invalid x-api-key|authentication_error|\bunauthenticated\b|status:? 401\b|"code":\s*401\b/i.test(
      text,
    )
  )
    return 401;
  if (/\b403\b[^\n]*forbidden/i.test(text)) return 403;
  return null;
}
