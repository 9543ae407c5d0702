import { z } from 'zod';
import { hostConfigSchema, type HostConfig } from '../../shared/hosts.js';
import { readJsonFile, writeJsonFile } from '../store/json-file.js';

const hostsFileSchema = z.object({ hosts: z.array(hostConfigSchema) });

/** The hosts in hosts.json, in the order they were added; none when the file is missing. */
export function readHosts(path: string): HostConfig[] {
  return readJsonFile(path, hostsFileSchema)?.hosts ?? [];
}

/** Adds a host to hosts.json or replaces the one with its name (keeping its place and when it was added). */
export function saveHost(path: string, host: HostConfig): void {
  const hosts = readHosts(path);
  const index = hosts.findIndex((known) => known.name === host.name);
  if (index >= 0) hosts[index] = { ...host, addedAt: hosts[index]!.addedAt };
  else hosts.push(host);
  writeJsonFile(path, { hosts });
}

/** Removes a host from hosts.json; false when it was not there. */
export function removeHost(path: string, name: string): boolean {
  const hosts = readHosts(path);
  const kept = hosts.filter((host) => host.name !== name);
  if (kept.length === hosts.length) return false;
  writeJsonFile(path, { hosts: kept });
  return true;
}
