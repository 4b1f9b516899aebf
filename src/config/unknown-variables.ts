import { closest, distance } from 'fastest-levenshtein';
import type { ConfigProblem } from './config-error.js';

/** Names the service owns: a variable with this prefix that it does not know is a mistake. */
const OWN_PREFIX = 'PRANA_';

/**
 * The `PRANA_*` variables of the environment that the service does not read, each with the closest
 * known name when one is near enough to be the one meant (`PRANA_LOGLEVEL` → `PRANA_LOG_LEVEL`).
 */
export function unknownVariables(present: readonly string[], known: readonly string[]): ConfigProblem[] {
  const own = known.filter((name) => name.startsWith(OWN_PREFIX));
  return present
    .filter((name) => name.startsWith(OWN_PREFIX) && !known.includes(name))
    .sort()
    .map((name) => {
      const nearest = closest(name, own);
      const near = distance(name, nearest) <= Math.max(3, Math.floor(name.length / 3));
      return { variable: name, message: near ? `unknown variable; did you mean ${nearest}?` : 'unknown variable' };
    });
}
