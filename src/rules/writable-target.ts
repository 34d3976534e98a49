import type { FindingDraft, Rule } from './rule.js';
import { describeRisks, exposureOf, groupName, octal, runsAsRoot, targetsOf, userName, type TargetExposure } from '../core/facts/index.js';

export const writableTarget: Rule = {
  id: 'writable-target',
  title: 'Program or script the job runs can be changed by others',
  practice: 2,
  severity: 'high',
  fixKind: 'auto',
  docs: {
    rationale:
      'Whoever can write the script a job runs decides what the job does, with the job user’s rights: a group- or ' +
      'world-writable script run by root is a root shell for every member of that group. Classic privilege escalation ' +
      'path (linPEAS, Lynis) and a favourite persistence trick.',
    bad: [
      {
        text: '0 3 * * * root /usr/local/bin/backup.sh\n',
        files: { '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o777 } },
      },
      {
        text: '0 3 * * * root /bin/sh /home/alice/cleanup.sh\n',
        files: { '/home/alice/cleanup.sh': { content: '#!/bin/sh\n', mode: 0o755, uid: 1000, gid: 1000 } },
        note: 'a root job running a script its user owns',
      },
    ],
    good: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n', files: { '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 } } },
      {
        text: '0 3 * * * alice /home/alice/cleanup.sh\n',
        files: { '/home/alice/cleanup.sh': { content: '#!/bin/sh\n', mode: 0o755, uid: 1000, gid: 1000 } },
        note: 'the job user’s own script',
      },
    ],
    references: ['MITRE ATT&CK T1053.003 (Scheduled Task/Job: Cron)', 'linPEAS: writable cron scripts', 'Lynis SCHD-7704'],
    remedy: 'chmod go-w the file (keeping its execute bits) and chown it to root:root.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    // Message and fix data depend only on the exposure and the path as named: built once each.
    const shared = new Map<TargetExposure, Map<string, { message: string; data: Record<string, unknown> }>>();
    for (const job of ctx.inventory.jobs) {
      const seen: string[] = [];
      for (const target of targetsOf(ctx, job)) {
        const path = target.lookup.path;
        if (!target.lookup.info || path === null) continue;
        const exposure = exposureOf(ctx, path, job.user);
        const { file, fileRisks: risks } = exposure;
        if (!file || risks.length === 0 || seen.includes(file.path)) continue;
        seen.push(file.path);
        let byPath = shared.get(exposure);
        if (!byPath) shared.set(exposure, (byPath = new Map()));
        let finding = byPath.get(path);
        if (!finding) {
          const shown = file.path === path ? file.path : `${path} (→ ${file.path})`;
          const { mode, uid, gid } = file.info;
          finding = {
            message:
              `${shown} is ${describeRisks(risks)} (${userName(ctx, uid)}:${groupName(ctx, gid)} ${octal(mode)}): ` +
              `whoever can change it runs code as ${job.user ?? 'the job user'}`,
            data: {
              target: path,
              resolved: file.path,
              mode,
              uid,
              gid,
              suggestedMode: mode & ~0o022,
              chown: risks.some((r) => r.kind === 'owner') || gid !== 0 ? { owner: 'root', group: 'root' } : null,
              risks,
            },
          };
          byPath.set(path, finding);
        }
        drafts.push({ job, severity: runsAsRoot(ctx, job.user) ? 'critical' : 'high', ...finding });
      }
    }
    return drafts;
  },
};
