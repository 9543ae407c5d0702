import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { Automation, AutomationRun, webhookDeliverySchema } from '../../shared/automation.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { loadAutomationSecret, saveAutomationSecret } from '../store/secrets-store.js';
import { mapPayload } from './webhook-payload.js';

/** A webhook delivery as the server hands it on. */
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

/** What came of a delivery. */
export type WebhookOutcome =
  { outcome: 'run'; run: AutomationRun } | { outcome: 'duplicate' | 'paused' | 'ping'; run: null };

/** The path a webhook automation is served at on the engine's server. */
export function webhookPath(automationId: string): string {
  return `/hooks/${encodeURIComponent(automationId)}`;
}

/** The automation's webhook secret, made (and stored with the other secrets) the first time it is asked for. */
export function ensureWebhookSecret(context: EngineContext, automationId: string): string {
  const stored = loadAutomationSecret(context.paths.secrets, automationId);
  if (stored) return stored.webhookSecret;
  const webhookSecret = randomBytes(24).toString('base64url');
  saveAutomationSecret(context.paths.secrets, automationId, { webhookSecret });
  return webhookSecret;
}

/** Forgets a removed automation's secret. */
export function forgetWebhookSecret(context: EngineContext, automationId: string): void {
  if (loadAutomationSecret(context.paths.secrets, automationId))
    saveAutomationSecret(context.paths.secrets, automationId, null);
}

/**
 * Takes a webhook delivery: finds the webhook automation, checks the signature (GitHub's X-Hub-Signature-256 HMAC, or
 * the plain X-Flotilla-Secret), and fires the automation with the payload's {{event.*}} variables. A delivery id that
 * already ran starts nothing; GitHub's ping is answered without a run.
 */
export async function receiveWebhook(context: EngineContext, delivery: WebhookDelivery): Promise<WebhookOutcome> {
  const automation = findWebhook(context, delivery.automationId);
  const stored = loadAutomationSecret(context.paths.secrets, automation.id);
  if (!stored || !signedWith(delivery, stored.webhookSecret))
    throw new EngineError(
      'unauthorized',
      delivery.signature === null && delivery.secret === null
        ? 'Sign the request: an X-Hub-Signature-256 header (sha256=<HMAC of the body>) or X-Flotilla-Secret.'
        : "The signature does not match this webhook's secret (see `flotilla automation secret <name>`).",
    );
  if (delivery.event === 'ping') return { outcome: 'ping', run: null };
  if (automation.paused) return { outcome: 'paused', run: null };
  const mapped = mapPayload(delivery.body, delivery.event, delivery.contentType);
  const eventKey = delivery.delivery === null ? null : `delivery:${delivery.delivery}`;
  const run = await context.automations.fire(automation, {
    reason: mapped.reason,
    eventKey,
    variables: { ...mapped.variables, 'event.delivery': delivery.delivery ?? '' },
  });
  return run === null ? { outcome: 'duplicate', run: null } : { outcome: 'run', run };
}

function findWebhook(context: EngineContext, id: string): Automation {
  const automation = context.automations.store.get(id);
  if (automation?.trigger.on !== 'webhook')
    throw new EngineError('notFound', `No webhook automation has the id "${id}".`);
  return automation;
}

function signedWith(delivery: WebhookDelivery, secret: string): boolean {
  const checks: boolean[] = [];
  if (delivery.signature !== null) {
    const expected = `sha256=${createHmac('sha256', secret).update(delivery.body, 'utf8').digest('hex')}`;
    checks.push(sameText(delivery.signature.trim().toLowerCase(), expected));
  }
  if (delivery.secret !== null) checks.push(sameText(delivery.secret.trim(), secret));
  return checks.length > 0 && checks.every(Boolean);
}

/** Compares in constant time (hashing first, so lengths do not leak either). */
function sameText(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
