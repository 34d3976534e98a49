// Job ids (DESIGN §5): the source's host path without its leading '/', each '/' turned into '-',
// then ':' and the 1-based line. Stable across runs while the line stays where it is.

export function jobId(sourcePath: string, line: number): string {
  return `${sourcePath.replace(/^\/+/, '').replaceAll('/', '-')}:${line}`;
}
