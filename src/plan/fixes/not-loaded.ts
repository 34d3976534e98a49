// not-loaded: make cron load the file again — rename, chown, chmod, end the
// last line — for every cause it has, not only the first one cron would log (else the finding
// comes back with the next cause). Names that look deliberately disabled are never renamed:
// `backup.dpkg-old` is skipped by design, and renaming it would run an old copy.

import { contentCause, fileCause } from '../../core/liveness.js';
import type { FileInfo, NotLiveCause, Source } from '../../core/types.js';
import type { Change, FixFunction, FixResult, PlanContext } from '../types.js';

const DISABLED_ON_PURPOSE = /^\.|^#|~$|\.(dpkg-[a-z]+|ucf-[a-z]+|rpm(save|orig|new)|bak|orig|old|save|disabled?|off|swp|tmp)$/i;
const EXTENSION = /\.(sh|bash|cron|crontab|conf|py|pl)$/;

export const fixNotLoaded: FixFunction = (finding, ctx) => {
  const source = ctx.source(finding.path);
  if (!source?.info) return { unfixed: 'the finding names no file cronwarden can find' };
  return planCauses(ctx, source);
};

function planCauses(ctx: PlanContext, source: Source): FixResult {
  const changes: Change[] = [];
  const jobs = ctx.jobsIn(source.path).size;
  let path = source.path;
  let info: FileInfo = source.info!;
  const spool = source.kind === 'user';
  for (let round = 0; round < 8; round++) {
    const cause = fileCause(ctx.host, path, source.kind, info, jobs);
    if (!cause) break;
    const step = fixFileCause(ctx, source, path, info, cause, spool);
    if ('unfixed' in step) return step;
    changes.push(step.change);
    path = step.path;
    info = step.info;
  }
  if (source.parsed) {
    const content = contentCause(ctx.host, source.parsed);
    if (content && content.code === 'missing-newline') {
      changes.push({ kind: 'final-newline', path: source.path });
      const after = contentCause(ctx.host, { ...source.parsed, lines: source.parsed.lines.map((l, i, all) => (i === all.length - 1 ? { ...l, eol: '\n' as const } : l)) });
      if (after) return { unfixed: `${after.message}; fix that line by hand, then plan again` };
    } else if (content) {
      return { unfixed: `${content.message}; fix that by hand, then plan again` };
    }
  }
  if (changes.length === 0) return { unfixed: 'cronwarden found nothing it can change that would make cron load the file' };
  return { changes };
}

type Step = { change: Change; path: string; info: FileInfo } | { unfixed: string };

function fixFileCause(ctx: PlanContext, source: Source, path: string, info: FileInfo, cause: NotLiveCause, spool: boolean): Step {
  switch (cause.code) {
    case 'bad-name': {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (DISABLED_ON_PURPOSE.test(name)) return { unfixed: `‘${name}’ looks disabled or a backup copy on purpose: rename it by hand if it should run` };
      const clean = name.replace(EXTENSION, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
      const to = `${path.slice(0, path.lastIndexOf('/'))}/${clean}`;
      if (!clean || ctx.host.lstat(to) !== null) return { unfixed: `cannot rename ${path} to ${to}: that name is taken or empty` };
      return { change: { kind: 'rename', path: source.path, to }, path: to, info };
    }
    case 'wrong-owner':
    case 'insecure-mode': {
      // The state `crontab -u` (spool) or the package (system files) would leave, not just the one
      // bit cron looks at first: else spool-perms / cron-file-perms report the rest next time.
      const owner = spool ? (source.crontabUser ?? '') : 'root';
      const user = ctx.host.users().find((u) => u.name === owner);
      if (!user) return { unfixed: `${owner} is not in /etc/passwd` };
      const crontabGroup = ctx.host.groups().find((g) => g.name === 'crontab');
      const debianSpool = spool && path.startsWith('/var/spool/cron/crontabs/');
      const group = !spool ? 'root' : debianSpool && crontabGroup ? 'crontab' : owner;
      const gid = !spool ? 0 : debianSpool && crontabGroup ? crontabGroup.gid : user.gid;
      const mode = spool ? 0o600 : info.mode & ~0o022;
      return { change: { kind: 'attrs', path: source.path, owner, group, ...(spool ? { mode } : { clear: 0o022 }) }, path, info: { ...info, uid: user.uid, gid, mode } };
    }
    case 'not-executable':
      // run-parts runs as root, for whom one execute bit is enough.
      return { change: { kind: 'attrs', path: source.path, set: 0o100 }, path, info: { ...info, mode: info.mode | 0o100 } };
    case 'hard-links':
      // apply refuses to touch a file with other links (they are paths nobody reviewed).
      return { unfixed: `${cause.message}: find the other links (find / -samefile ${path}) and remove them, then plan again` };
    default:
      return { unfixed: `${cause.message}: cronwarden has no safe automatic fix for that` };
  }
}
