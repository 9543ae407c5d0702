import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A verify command a repository suggests, and what it was found from. */
export interface VerifySuggestion {
  command: string;
  reason: string;
}

/**
 * Verify commands the repository's own files suggest, best first: package.json's test script (run with the package
 * manager its lock file names), pytest, cargo test, go test, make test, and so on. Reads files only; runs nothing.
 */
export function suggestVerifyCommands(root: string): VerifySuggestion[] {
  const suggestions: VerifySuggestion[] = [];
  const add = (command: string, reason: string) => {
    if (!suggestions.some((suggestion) => suggestion.command === command)) suggestions.push({ command, reason });
  };
  const testScript = packageTestScript(root);
  if (testScript !== null) {
    const manager = packageManager(root);
    add(manager === 'npm' ? 'npm test' : `${manager} test`, `package.json has a test script (${testScript})`);
  }
  const pytest = pytestReason(root);
  if (pytest) add('pytest', pytest);
  if (isFile(root, 'Cargo.toml')) add('cargo test', 'Cargo.toml: a Rust crate');
  if (isFile(root, 'go.mod')) add('go test ./...', 'go.mod: a Go module');
  for (const makefile of ['Makefile', 'makefile', 'GNUmakefile']) {
    if (/^test\s*:/m.test(read(root, makefile))) add('make test', `${makefile} has a test target`);
  }
  if (isFile(root, 'mix.exs')) add('mix test', 'mix.exs: an Elixir project');
  if (isFile(root, 'build.gradle') || isFile(root, 'build.gradle.kts'))
    add(isFile(root, 'gradlew') ? './gradlew test' : 'gradle test', 'a Gradle build');
  if (isFile(root, 'pom.xml')) add('mvn -q test', 'pom.xml: a Maven project');
  if (isFile(root, 'Gemfile') && isFolder(root, 'spec')) add('bundle exec rspec', 'a Gemfile and a spec folder');
  if (isFile(root, 'deno.json') || isFile(root, 'deno.jsonc')) add('deno test', 'deno.json: a Deno project');
  return suggestions;
}

/** The package.json test script, or null when there is none (or only npm's placeholder that always fails). */
function packageTestScript(root: string): string | null {
  const text = read(root, 'package.json');
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    const scripts = (parsed as { scripts?: Record<string, unknown> } | null)?.scripts;
    const test = scripts?.test;
    if (typeof test !== 'string' || !test.trim()) return null;
    if (/no test specified/.test(test)) return null;
    return test.trim();
  } catch {
    return null;
  }
}

function packageManager(root: string): 'npm' | 'pnpm' | 'yarn' | 'bun' {
  if (isFile(root, 'pnpm-lock.yaml')) return 'pnpm';
  if (isFile(root, 'yarn.lock')) return 'yarn';
  if (isFile(root, 'bun.lockb') || isFile(root, 'bun.lock')) return 'bun';
  return 'npm';
}

function pytestReason(root: string): string | null {
  if (isFile(root, 'pytest.ini')) return 'pytest.ini';
  if (/^\[tool\.pytest/m.test(read(root, 'pyproject.toml'))) return 'pyproject.toml configures pytest';
  if (/^\[(tool:)?pytest\]/m.test(read(root, 'setup.cfg'))) return 'setup.cfg configures pytest';
  if (/^\[pytest\]/m.test(read(root, 'tox.ini'))) return 'tox.ini configures pytest';
  const python = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt'].find((name) => isFile(root, name));
  if (python && isFolder(root, 'tests')) return `a tests folder and ${python}`;
  return null;
}

function read(root: string, name: string): string {
  try {
    return readFileSync(join(root, name), 'utf8');
  } catch {
    return '';
  }
}

function isFile(root: string, name: string): boolean {
  const path = join(root, name);
  return existsSync(path) && statSync(path).isFile();
}

function isFolder(root: string, name: string): boolean {
  const path = join(root, name);
  return existsSync(path) && statSync(path).isDirectory();
}
