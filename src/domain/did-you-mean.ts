import { distance } from 'fastest-levenshtein';

/** A name without the separators people leave out or add (`upper_case` is `uppercase`). */
function bare(name: string): string {
  return name.toLowerCase().replace(/[_.-]/g, '');
}

/**
 * The known name closest to `name`, when it is near enough to be the one meant, ignoring case and `_`,
 * `.`, `-`: an edit distance of at most a third of the name (at least 2), or half of it for a name that
 * starts the same way (`upcase` → `upper_case`, `http.requst` → `http.request`).
 */
export function closestName(name: string, known: readonly string[]): string | null {
  const wanted = bare(name);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = Math.min(distance(name, candidate), distance(wanted, bare(candidate)));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === null) return null;
  const near = bestDistance <= Math.max(2, Math.floor(wanted.length / 3));
  // A longer spelling of the same start (`upcase` for `uppercase`) is near too.
  const sameStart = bestDistance <= Math.floor(wanted.length / 2) && bare(best).slice(0, 2) === wanted.slice(0, 2);
  return near || sameStart ? best : null;
}

/** ` (did you mean "x"?)` for a near known name, or nothing. */
export function didYouMean(name: string, known: readonly string[]): string {
  const nearest = closestName(name, known);
  return nearest === null ? '' : ` (did you mean ${JSON.stringify(nearest)}?)`;
}
