import type { Automation } from '../shared/automation.js';
import { waitForEndpoint } from '../engine/host/open-engine.js';
import { expectPositionals, parseCommandArgs } from './args.js';
import { help, println, type CliIo } from './cli-io.js';
import { cliHome, withEngine } from './session.js';
import { usages } from './usage.js';

/** The webhook's full URL where an engine serves this home, else null. */
async function webhookUrl(io: CliIo, path: string): Promise<string | null> {
  const lock = await waitForEndpoint(cliHome(io), 0);
  return lock?.endpoint ? `${lock.endpoint.url}${path}` : null;
}

/** Prints where a webhook automation listens and its secret, and how a sender signs with it. */
export async function printWebhook(io: CliIo, automation: Automation, secret: string, path: string): Promise<void> {
  const url = await webhookUrl(io, path);
  println(
    io,
    url
      ? `Webhook URL: ${url}`
      : `Webhook path: ${path} on the engine's server; run \`flotilla serve\` (or the desktop app) to serve it.`,
  );
  println(io, `Secret: ${secret}`);
  println(
    io,
    'Senders sign the body with it (GitHub: Settings → Webhooks, content type application/json, this secret), ' +
      'or send it as an X-Flotilla-Secret header. Keep it private; ' +
      `\`flotilla automation secret ${automation.name}\` shows it again.`,
  );
  if (url)
    println(
      io,
      'The server listens on this machine only (a sender on the internet needs a tunnel to it), and its port ' +
        'changes when the engine restarts unless it runs as `flotilla serve --port <port>`.',
    );
}

/** `flotilla automation secret <name>`: a webhook automation's URL and secret. */
export async function secretCommand(args: string[], io: CliIo): Promise<number> {
  const usage = usages['automation secret'];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  const [name] = expectPositionals(parsed, ['name'], usage);
  const found = await withEngine(io, async (api) => {
    const { secret, path } = await api.call('automation/secret', { automationId: name! });
    const { automations } = await api.call('automation/list', {});
    return { secret, path, automation: automations.find((one) => one.name === name || one.id === name) };
  });
  if (found.automation) await printWebhook(io, found.automation, found.secret, found.path);
  return 0;
}
