/** "Did you mean …?" for names: the closest candidate within a small edit distance. */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === lower) return candidate;
    const d = distance(lower, c);
    const limit = Math.max(2, Math.floor(Math.max(lower.length, c.length) / 3));
    if (d <= limit && d < bestScore) {
      best = candidate;
      bestScore = d;
    }
  }
  return best;
}

export function didYouMean(name: string, candidates: Iterable<string>, quote = '"'): string | undefined {
  const match = closest(name, candidates);
  return match === undefined ? undefined : `did you mean ${quote}${match}${quote}?`;
}

/** The hint and the structured suggestion together, for a finding: `{hint, suggestion}` or `{}`. */
export function suggestName(name: string, candidates: Iterable<string>, quote = '"'): { hint?: string; suggestion?: string } {
  const match = closest(name, candidates);
  return match === undefined ? {} : { hint: `did you mean ${quote}${match}${quote}?`, suggestion: match };
}

/** `suggestName`, or the fallback hint when no name is close: spread into a finding. */
export function suggestOr(name: unknown, candidates: Iterable<string>, fallback?: string): { hint?: string; suggestion?: string } {
  const found = typeof name === 'string' ? suggestName(name, candidates) : {};
  if (found.suggestion !== undefined) return found;
  return fallback === undefined ? {} : { hint: fallback };
}
