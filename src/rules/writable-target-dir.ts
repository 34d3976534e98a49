import type { FindingDraft, Rule } from './rule.js';
import { describeRisks, exposureOf, groupName, octal, runsAsRoot, targetsOf, userName } from '../core/facts/index.js';

export const writableTargetDir: Rule = {
  id: 'writable-target-dir',
  title: 'A directory on the way to the job’s program lets others replace it',
  practice: 2,
  severity: 'high',
  fixKind: 'auto',
  docs: {
    rationale:
      'A root-owned 0755 script is still not safe when a directory above it is writable by others: they can rename ' +
      'the script away and put their own in its place, or swap the whole directory. Every directory the path walks ' +
      'through, symlinks included, must be writable only by root or the job user (or sticky, like /tmp).',
    bad: [
      {
        text: '0 3 * * * root /opt/app/bin/report.sh\n',
        files: {
          '/opt/app/bin': { type: 'dir', mode: 0o777 },
          '/opt/app/bin/report.sh': { content: '#!/bin/sh\n', mode: 0o755 },
        },
      },
    ],
    good: [
      {
        text: '0 3 * * * root /opt/app/bin/report.sh\n',
        files: { '/opt/app/bin': { type: 'dir', mode: 0o755 }, '/opt/app/bin/report.sh': { content: '#!/bin/sh\n', mode: 0o755 } },
      },
    ],
    references: ['MITRE ATT&CK T1053.003 (Scheduled Task/Job: Cron)', 'linPEAS: writable folders on cron paths', 'Lynis SCHD-7704'],
    remedy: 'chmod go-w the directory (and chown it to root where someone else owns it).',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      const seen: string[] = [];
      for (const target of targetsOf(ctx, job)) {
        if (!target.lookup.info || target.lookup.path === null) continue;
        for (const { link, risks } of exposureOf(ctx, target.lookup.path, job.user).dirs) {
          if (seen.includes(link.path)) continue;
          seen.push(link.path);
          drafts.push({
            job,
            severity: runsAsRoot(ctx, job.user) ? 'critical' : 'high',
            message:
              `directory ${link.path} is ${describeRisks(risks)} (${userName(ctx, link.info.uid)}:${groupName(ctx, link.info.gid)} ` +
              `${octal(link.info.mode)}): anyone who can write it can replace ${target.lookup.path}, which runs as ${job.user ?? 'the job user'}`,
            data: {
              dir: link.path,
              target: target.lookup.path,
              mode: link.info.mode,
              uid: link.info.uid,
              gid: link.info.gid,
              suggestedMode: link.info.mode & ~0o022,
              chown: risks.some((r) => r.kind === 'owner') ? { owner: 'root', group: groupName(ctx, link.info.gid) } : null,
              risks,
            },
          });
        }
      }
    }
    return drafts;
  },
};
