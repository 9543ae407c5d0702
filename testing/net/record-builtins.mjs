// An --import preload for tests: when the process exits, it writes the Node built-in modules it loaded (one per line,
// from process.moduleLoadList) to the file FLOTILLA_TEST_BUILTINS_FILE names.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.FLOTILLA_TEST_BUILTINS_FILE;
if (file) process.on('exit', () => writeFileSync(file, process.moduleLoadList.join('\n')));
