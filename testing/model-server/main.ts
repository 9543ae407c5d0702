// Starts the scripted model server for `npm run dev:fake`: prints its URL on the first stdout line, then serves until stopped.
import { demo } from './scenarios.js';
import { startModelServer } from './server.js';

function portArgument(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  const value = index === -1 ? undefined : Number(argv[index + 1]);
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    process.stderr.write(`--port needs a number from 0 to 65535, got "${argv[index + 1] ?? ''}"\n`);
    process.exit(2);
  }
  return value;
}

const server = await startModelServer({
  script: demo,
  maxRequests: Number.POSITIVE_INFINITY,
  port: portArgument(process.argv.slice(2)),
});
process.stdout.write(`${server.url}\n`);
process.stderr.write(
  [
    'scripted model server running (looping demo: text + write_file, then a closing text).',
    `  Anthropic: ANTHROPIC_BASE_URL=${server.url}`,
    `  OpenAI:    OPENAI_BASE_URL=${server.url}/v1`,
    '  Pick a scenario with [[scenario:NAME]] in a prompt or the model scenario:NAME (GET /v1/models lists them).',
    '',
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
