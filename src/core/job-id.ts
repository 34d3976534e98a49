// Job ids (DESIGN §5): the source's host path without its leading '/', each '/' turned into '-',
// then ':' and the 1-based line. Stable across runs while the line stays where it is.

/** The part before ':line', computed once per source when it has many jobs. */
export function jobIdPrefix(sourcePath: string): string {
  return `${sourcePath.replace(/^\/+/, '').replaceAll('/', '-')}:`;
}

export function jobId(sourcePath: string, line: number): string {
  return `${jobIdPrefix(sourcePath)}${line}`;
}
