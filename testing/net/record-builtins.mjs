// An --import preload for tests: when the process exits, it writes the Node built-in modules it loaded (one per line,
// from process.moduleLoadList) to the file FLOTILLA_TEST_BUILTINS_FILE names, and whether zod was loaded ("zod" or
// "no zod": zod's core keeps its config on globalThis) to the file FLOTILLA_TEST_ZOD_FILE names.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.FLOTILLA_TEST_BUILTINS_FILE;
if (file) process.on('exit', () => writeFileSync(file, process.moduleLoadList.join('\n')));
const zodFile = process.env.FLOTILLA_TEST_ZOD_FILE;
if (zodFile) process.on('exit', () => writeFileSync(zodFile, '__zod_globalConfig' in globalThis ? 'zod' : 'no zod'));
