// hidden-characters and stale-job: lines (or whole crontabs) that go away or lose characters.

import { HIDDEN_CHARACTERS } from '../compose-job.js';
import type { Change, FixFunction } from '../types.js';

export const fixHiddenCharacters: FixFunction = (finding, ctx) => {
  const source = ctx.source(finding.path);
  const line = source?.parsed?.lines.find((l) => l.number === finding.line);
  if (!source || !line) return { unfixed: 'the finding names no line cronwarden can find' };
  // A DOS file is one finding on its first line: every line that only has the trailing CR is part of it.
  const dos = /^[^\r]*\r$/.test(line.text) && (line.text.match(HIDDEN_CHARACTERS) ?? []).length === 1;
  const lines = dos ? source.parsed!.lines.filter((l) => /^[^\r]*\r$/.test(l.text) && (l.text.match(HIDDEN_CHARACTERS) ?? []).length === 1) : [line];
  const changes: Change[] = lines.map((l) => ({ kind: 'line', path: source.path, line: l.number, patch: { clean: true } }));
  return {
    changes,
    checkByHand: [`${source.path}:${line.number}: read the line again once the hidden characters are gone; it may do something other than it showed`],
  };
};

export const fixStaleJob: FixFunction = (finding, ctx) => {
  const source = ctx.source(finding.path);
  if (!source) return { unfixed: 'the finding names no crontab' };
  if (finding.line !== null) return { changes: [{ kind: 'line', path: source.path, line: finding.line, patch: { remove: true } }] };
  const before = ctx.precondition(source.path);
  if (!before?.exists) return { unfixed: `${source.path} is not a regular file` };
  return { changes: [{ kind: 'op', op: { op: 'remove-file', path: source.path, before, why: finding.message } }] };
};
