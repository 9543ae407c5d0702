// A token (RFC 9110) and a value without NUL, CR or LF: what the Fetch standard accepts.
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const badValue = /[\0\r\n]/;
// HTTP whitespace, trimmed from both ends of a value.
const edgeWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;

type Init = Iterable<Iterable<string>> | Record<string, string> | PlainHeaders;

/**
 * The Fetch standard's Headers, in plain JavaScript. Node's own Headers lives in its bundled undici, and touching it
 * loads all of undici, WebAssembly parser included: about 12 MB resident for good. The engine's bundles use this class
 * wherever their code (the model SDKs' included) names Headers; `instanceof` accepts Node's own too.
 */
export class PlainHeaders implements Iterable<[string, string]> {
  // Lower-cased name and value, in the order they were added.
  readonly #list: [string, string][] = [];

  constructor(init?: Init) {
    if (init === undefined) return;
    if (init === null || typeof init !== 'object')
      throw new TypeError('Headers constructor: the argument must be a list of [name, value] pairs or a record.');
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<Iterable<string>>) {
        const entry = [...pair];
        if (entry.length !== 2)
          throw new TypeError(`Headers constructor: a header pair has ${entry.length} items instead of 2.`);
        this.append(String(entry[0]), String(entry[1]));
      }
      return;
    }
    for (const name of Object.keys(init)) this.append(name, String((init as Record<string, string>)[name]));
  }

  /** Accepts this class's headers and Node's own, which share its string tag. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return Object.prototype.toString.call(value) === '[object Headers]';
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }

  /** Adds a value, keeping those the name already has. */
  append(name: string, value: string): void {
    this.#list.push([checkedName(name), checkedValue(name, value)]);
  }

  /** Removes every value of a name. */
  delete(name: string): void {
    const lower = checkedName(name);
    for (let index = this.#list.length - 1; index >= 0; index -= 1)
      if (this.#list[index]![0] === lower) this.#list.splice(index, 1);
  }

  /** The name's values joined by ", ", or null when it has none. */
  get(name: string): string | null {
    const lower = checkedName(name);
    const values = this.#list.filter((entry) => entry[0] === lower).map((entry) => entry[1]);
    return values.length === 0 ? null : values.join(', ');
  }

  /** Each Set-Cookie value on its own, as they are never joined. */
  getSetCookie(): string[] {
    return this.#list.filter((entry) => entry[0] === 'set-cookie').map((entry) => entry[1]);
  }

  /** Whether the name has a value. */
  has(name: string): boolean {
    const lower = checkedName(name);
    return this.#list.some((entry) => entry[0] === lower);
  }

  /** Replaces every value of a name with one. */
  set(name: string, value: string): void {
    const lower = checkedName(name);
    const checked = checkedValue(name, value);
    const first = this.#list.findIndex((entry) => entry[0] === lower);
    if (first < 0) return void this.#list.push([lower, checked]);
    this.#list[first] = [lower, checked];
    for (let index = this.#list.length - 1; index > first; index -= 1)
      if (this.#list[index]![0] === lower) this.#list.splice(index, 1);
  }

  /** Calls back with (value, name, headers) for each entry, in iteration order. */
  forEach(callback: (value: string, name: string, headers: PlainHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  /** Names sorted, each name's values joined, Set-Cookie values one by one: the standard's iteration order. */
  *entries(): IterableIterator<[string, string]> {
    const names = [...new Set(this.#list.map((entry) => entry[0]))].sort();
    for (const name of names) {
      if (name === 'set-cookie') for (const value of this.getSetCookie()) yield [name, value];
      else yield [name, this.get(name) as string];
    }
  }

  /** The names, in iteration order. */
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  /** The values, in iteration order. */
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

function checkedName(name: string): string {
  const text = String(name);
  if (!headerName.test(text)) throw new TypeError(`Headers: "${text}" is not a valid header name.`);
  return text.toLowerCase();
}

function checkedValue(name: string, value: string): string {
  const text = String(value).replace(edgeWhitespace, '');
  if (badValue.test(text)) throw new TypeError(`Headers: the value of "${name}" has a NUL, CR or LF character.`);
  return text;
}
