import type { FindingDraft, Rule } from './rule.js';
import { describeRisks, exposureOf, hostFacts, octal, userFacts } from '../core/facts/index.js';

export const cronAllowMissing: Rule = {
  id: 'cron-allow-missing',
  title: 'No /etc/cron.allow (any user may schedule jobs), or a /etc/cron.deny',
  practice: 2,
  severity: 'low',
  fixKind: 'auto',
  docs: {
    rationale:
      'Without /etc/cron.allow every account — including a compromised service account — can install a crontab and ' +
      'keep a foothold that survives reboots. An allow list names who may; a deny list only names who may not, and ' +
      'forgets every account created later.',
    bad: [{ text: '0 3 * * * root /usr/bin/true\n' }],
    good: [{ text: '0 3 * * * root /usr/bin/true\n', files: { '/etc/cron.allow': { content: 'root\n', mode: 0o640, gid: 102 } } }],
    references: ['CIS Debian 12 2.4.1.8 (crontab restricted to authorized users)', 'tiger cron005w (use of cron is not restricted)', 'Lynis SCHD-7704', 'MITRE ATT&CK T1053.003'],
    remedy:
      'Create /etc/cron.allow listing root and every user that has a crontab today (an empty file would lock them out), ' +
      'mode 0640, owner root, group crontab where /usr/bin/crontab is setgid crontab, else root; remove /etc/cron.deny.',
  },
  detect(ctx) {
    const facts = hostFacts(ctx);
    // No cron on this root (no daemon, no crontab program, no crontab files): nothing to restrict.
    const hasCron =
      ctx.inventory.sources.length > 0 || ['/usr/sbin/cron', '/usr/sbin/crond', '/usr/bin/crontab'].some((p) => ctx.host.lstat(p) !== null);
    if (!hasCron) return [];
    const drafts: FindingDraft[] = [];
    if (!facts.cronAllow) {
      const users = new Set(['root']);
      for (const source of ctx.inventory.sources) {
        if (source.kind === 'user' && source.crontabUser && userFacts(ctx, source.crontabUser)) users.add(source.crontabUser);
      }
      const list = [...users];
      drafts.push({
        path: '/etc/cron.allow',
        line: null,
        message: `/etc/cron.allow does not exist: every user may install a crontab (would allow: ${list.join(', ')})`,
        data: { fix: 'create', users: list, mode: 0o640, owner: 'root', group: facts.crontabSetgidGroup ?? 'root' },
      });
    }
    if (facts.cronAllow) {
      // Whoever can write the allow list can grant themselves cron (and a persistent foothold).
      // crontab(1) fopen()s it, following a link: judge the file it reads.
      const { file, fileRisks: risks } = exposureOf(ctx, '/etc/cron.allow', 'root');
      if (file && risks.length > 0) {
        drafts.push({
          path: '/etc/cron.allow',
          line: null,
          severity: 'medium',
          message: `${file.path} is ${describeRisks(risks)} (${octal(file.info.mode)}): they can add any account to the cron allow list`,
          data: { fix: 'perms', target: file.path, mode: file.info.mode, suggestedMode: 0o640, owner: 'root', group: facts.crontabSetgidGroup ?? 'root' },
        });
      }
    }
    if (facts.cronDeny) {
      drafts.push({
        path: '/etc/cron.deny',
        line: null,
        message: facts.cronAllow
          ? '/etc/cron.deny exists; cron.allow already decides, so the deny list only misleads (CIS: remove it)'
          : '/etc/cron.deny exists: a deny list allows every account it does not name, including ones created later',
        data: { fix: 'remove-deny', remove: true },
      });
    }
    return drafts;
  },
};
