// What a host name may be, without zod: the CLI checks `flotilla host add NAME` at start-up (hosts.ts builds the
// schema from the same rule).

/** Letters, digits, dots, dashes or underscores, starting with a letter or digit; at most 63. */
export const hostNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** The rule in words, as an error says it. */
export const hostNameRule = 'A host name is letters, digits, dots, dashes or underscores, such as buildbox.';

/** What is wrong with `name` as a host name, or null when it is one. */
export function hostNameProblem(name: string): string | null {
  return hostNamePattern.test(name) ? null : hostNameRule;
}
