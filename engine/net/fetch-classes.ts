import { PlainHeaders } from './plain-headers.js';
import { PlainResponse } from './plain-response.js';

// The engine's bundles (scripts/bundle-parts.mjs, scripts/build-electron.mjs) inject this module: esbuild replaces
// every free reference to these names in their code, the model SDKs' and the MCP SDK's included, with the exports
// here. Node's own Headers, Response and FormData all live in its bundled undici, loaded whole (~12 MB resident, for
// good) the first time any of them is touched; the SDKs make a Headers and test `body instanceof FormData` for every
// request.

/** Headers for code bundled with the engine: PlainHeaders. */
export const Headers = PlainHeaders;

/** Response for code bundled with the engine: PlainResponse. */
export const Response = PlainResponse;

/**
 * FormData for code bundled with the engine: `instanceof` reads the string tag, which needs no undici; constructing
 * one (for an upload, which Flotilla does not make) still makes Node's own.
 */
export const FormData = function FormData(...args: ConstructorParameters<typeof globalThis.FormData>) {
  return new globalThis.FormData(...args);
} as unknown as typeof globalThis.FormData;
Object.defineProperty(FormData, Symbol.hasInstance, {
  value: (value: unknown) => Object.prototype.toString.call(value) === '[object FormData]',
});
