import type { CliIo } from '../../cli/cli-io.js';

/** A CliIo that records output, for tests. */
export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

/** Makes a CliIo whose stdout/stderr are captured, with FLOTILLA_HOME set to `home`. */
export function captureIo(home: string, extra: Partial<CliIo> = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: { ...process.env, FLOTILLA_HOME: home },
    ...extra,
    out: () => out,
    err: () => err,
  };
}
