// "Did you mean …?" for a mistyped command or rule id, as git and commander do: candidates within
// a small edit distance, ignoring case and punctuation (NOT-LOADED, notloaded → not-loaded).

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Edits (insert, delete, substitute, swap two neighbours) from a to b: `scna` is one from `scan`. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Up to three candidates closest to `word`, best first; none when nothing is close. */
export function similar(word: string, candidates: readonly string[]): string[] {
  const w = squash(word);
  return candidates
    .map((c) => {
      const s = squash(c);
      return { c, d: s.includes(w) || w.includes(s) ? Math.min(1, distance(w, s)) : distance(w, s) };
    })
    .filter(({ d }) => d <= Math.max(1, Math.floor(w.length / 4)))
    .sort((x, y) => x.d - y.d)
    .slice(0, 3)
    .map(({ c }) => c);
}
