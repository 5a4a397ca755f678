// Sets of completion indexes as the Job status writes them: sorted intervals, `1,3-5,7`
// (`status.completedIndexes`, `status.failedIndexes`).

/** Parse `1,3-5` into a set; entries out of [0, completions) are dropped, as the controller does. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
    for (let i = from; i <= to && i < completions; i++) if (i >= 0) out.add(i);
  }
  return out;
}

/** Format a set as sorted intervals: {1,3,4,5,7} -> `1,3-5,7`; empty -> ``. */
export function formatIndexes(set: Iterable<number>): string {
  const sorted = [...new Set(set)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
