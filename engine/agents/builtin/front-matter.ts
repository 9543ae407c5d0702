/** A Markdown file's YAML front matter (top-level string fields only) and the text after it. */
export type FrontMatter = { ok: true; fields: Record<string, string>; body: string } | { ok: false; problem: string };

const keyLine = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$/;

/**
 * Reads the `---` front matter of a SKILL.md-style file. Understands the YAML people write there:
 * `key: value` with plain, single- or double-quoted values, `|` and `>` block scalars, plain values
 * continued on indented lines, comments, and nested maps (skipped). Anything else is a problem.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { ok: false, problem: 'it does not start with a "---" front matter line' };
  const end = lines.findIndex((line, index) => index > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end === -1) return { ok: false, problem: 'its front matter has no closing "---" line' };
  const fields: Record<string, string> = {};
  let index = 1;
  while (index < end) {
    const line = lines[index] as string;
    index += 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = keyLine.exec(line);
    if (!match)
      return {
        ok: false,
        problem: `line ${index} of its front matter is not "key: value" (${line.trim().slice(0, 60)})`,
      };
    const key = match[1] as string;
    const raw = (match[2] ?? '').trim();
    const continued: string[] = [];
    while (
      index < end &&
      (/^\s+\S/.test(lines[index] as string) ||
        ((lines[index] as string).trim() === '' && isIndentedAfter(lines, index, end)))
    ) {
      continued.push(lines[index] as string);
      index += 1;
    }
    const value = valueOf(raw, continued);
    if (value === null) return { ok: false, problem: `the value of "${key}" in its front matter is not valid YAML` };
    if (value !== undefined) fields[key] = value;
  }
  return {
    ok: true,
    fields,
    body: lines
      .slice(end + 1)
      .join('\n')
      .replace(/^\s*\n/, ''),
  };
}

function isIndentedAfter(lines: readonly string[], index: number, end: number): boolean {
  for (let next = index; next < end; next += 1) {
    const line = lines[next] as string;
    if (line.trim() !== '') return /^\s+\S/.test(line);
  }
  return false;
}

/** The string value, undefined for a nested map (ignored), null when it cannot be read. */
function valueOf(raw: string, continued: readonly string[]): string | undefined | null {
  const block = /^([|>])[-+]?$/.exec(raw);
  if (block) {
    const indent = Math.min(
      ...continued.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length),
    );
    const body = continued.map((line) => line.slice(Number.isFinite(indent) ? indent : 0));
    return block[1] === '|' ? body.join('\n').trim() : body.join(' ').replace(/\s+/g, ' ').trim();
  }
  if (raw === '' && continued.length > 0) return undefined;
  const plain = [raw, ...continued.map((line) => line.trim())].filter((part) => part !== '').join(' ');
  if (plain.startsWith('"')) {
    if (!plain.endsWith('"') || plain.length < 2) return null;
    try {
      return JSON.parse(plain) as string;
    } catch {
      return null;
    }
  }
  if (plain.startsWith("'")) {
    if (!plain.endsWith("'") || plain.length < 2) return null;
    return plain.slice(1, -1).replace(/''/g, "'");
  }
  return plain.replace(/\s+#.*$/, '');
}
