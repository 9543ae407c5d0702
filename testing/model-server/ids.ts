import { randomBytes } from 'node:crypto';

let minted = 0;

/** A fresh id with the API's prefix (`msg_`, `toolu_`, `call_` ...); never repeats within a process. */
export function mintId(prefix: string): string {
  minted += 1;
  // The counter guarantees uniqueness; the random tail keeps ids from different processes apart.
  return `${prefix}${minted.toString(36).padStart(5, '0')}${randomBytes(8).toString('hex')}`;
}
