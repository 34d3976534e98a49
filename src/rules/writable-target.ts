import type { FindingDraft, Rule } from './rule.js';
import { describeRisks, groupName, octal, ownershipChain, targetsOf, userName, writeRisks } from '../core/facts/index.js';

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
    references: ['CIS Debian 12 6.1 (file permissions)', 'Lynis FILE-7524', 'tiger cron005w', 'MITRE ATT&CK T1053.003'],
    remedy: 'chmod go-w the file (keeping its execute bits) and chown it to root:root.',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      const seen = new Set<string>();
      for (const target of targetsOf(ctx, job)) {
        if (!target.lookup.info || target.lookup.path === null) continue;
        const chain = ownershipChain(ctx, target.lookup.path);
        const file = chain.links.at(-1);
        if (!file || file.role !== 'target' || seen.has(file.path)) continue;
        seen.add(file.path);
        const risks = writeRisks(ctx, file, job.user);
        if (risks.length === 0) continue;
        const asRoot = job.user === 'root';
        const shown = file.path === target.lookup.path ? file.path : `${target.lookup.path} (→ ${file.path})`;
        drafts.push({
          job,
          severity: asRoot ? 'critical' : 'high',
          message:
            `${shown} is ${describeRisks(risks)} (${userName(ctx, file.info.uid)}:${groupName(ctx, file.info.gid)} ${octal(file.info.mode)}): ` +
            `whoever can change it runs code as ${job.user ?? 'the job user'}`,
          data: {
            target: target.lookup.path,
            resolved: file.path,
            mode: file.info.mode,
            uid: file.info.uid,
            gid: file.info.gid,
            suggestedMode: file.info.mode & ~0o022,
            chown: risks.some((r) => r.kind === 'owner') || file.info.gid !== 0 ? { owner: 'root', group: 'root' } : null,
            risks,
          },
        });
      }
    }
    return drafts;
  },
};
