import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed options plus positionals of one command. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses a command's arguments strictly (unknown options are usage errors), always accepting `--help`.
 * Throws UsageError carrying the command's usage text.
 */
export function parseCommandArgs(args: string[], options: Options, usage: string): ParsedArgs {
  try {
    const parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
}

/** The string value of an option, or undefined when it was not given. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Fails with usage unless exactly the named positionals were given; returns them. */
export function expectPositionals(parsed: ParsedArgs, names: string[], usage: string): string[] {
  if (parsed.positionals.length < names.length)
    throw new UsageError(
      `Missing ${names
        .slice(parsed.positionals.length)
        .map((name) => `<${name}>`)
        .join(' ')}.`,
      usage,
    );
  if (parsed.positionals.length > names.length)
    throw new UsageError(`Unexpected argument "${parsed.positionals[names.length]}".`, usage);
  return parsed.positionals;
}

/** Parses a port number option (0 picks a free port). */
export function portOption(parsed: ParsedArgs, usage: string): number | undefined {
  const text = stringOption(parsed, 'port');
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`, usage);
  return port;
}

/** A whole-number option from `min` to `max`; undefined when not given, a usage error naming the range otherwise. */
export function integerOption(
  parsed: ParsedArgs,
  name: string,
  range: { min: number; max: number },
  usage: string,
): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < range.min || value > range.max)
    throw new UsageError(`--${name} takes a whole number from ${range.min} to ${range.max}, not "${text}".`, usage);
  return value;
}

const durationUnits: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000 };

/** A duration option such as 90s, 10m or 1h (a bare number is seconds), in milliseconds; undefined when not given. */
export function durationOption(parsed: ParsedArgs, name: string, usage: string): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?$/.exec(text.trim());
  const value = match ? Number(match[1]) * durationUnits[match[2] ?? 's']! : Number.NaN;
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${name} takes a time such as 90s, 10m or 1h, not "${text}".`, usage);
  return Math.round(value);
}
