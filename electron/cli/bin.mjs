#!/usr/bin/env node
// The `flotilla` command: loads the TypeScript CLI through tsx and exits with its code.
import process from 'node:process';
import { register } from 'tsx/esm/api';

// A closed pipe (`flotilla show x | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

register();
const { runCli } = await import('./main.ts');
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
// Let piped output drain before exiting.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(code);
