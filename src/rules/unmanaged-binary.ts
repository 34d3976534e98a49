import type { FindingDraft, Rule } from './rule.js';
import { ownershipChain, targetsOf } from '../core/facts/index.js';
import { hasPackageDb, ownerPackage } from '../core/packages.js';

export const unmanagedBinary: Rule = {
  id: 'unmanaged-binary',
  title: 'Program the job runs belongs to no installed package',
  practice: 7,
  severity: 'info',
  fixKind: 'none',
  docs: {
    rationale:
      'Security updates reach what the package manager installed. A program or script dropped by hand into ' +
      '/usr/local, /opt or a home directory is never updated, and nobody is told when it has a known hole. Knowing ' +
      'which jobs run such code tells you what to keep up to date yourself.',
    bad: [
      {
        text: '0 3 * * * root /usr/local/bin/backup.sh\n',
        files: {
          '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 },
          '/var/lib/dpkg/status': 'Package: coreutils\nStatus: install ok installed\n',
          '/var/lib/dpkg/info/coreutils.list': '/usr/bin/env\n',
        },
      },
    ],
    good: [
      {
        text: '0 3 * * * root /usr/bin/env true\n',
        files: {
          '/usr/bin/true': { content: '', mode: 0o755 },
          '/var/lib/dpkg/status': 'Package: coreutils\nStatus: install ok installed\n',
          '/var/lib/dpkg/info/coreutils.list': '/usr/bin/env\n/usr/bin/true\n',
        },
      },
    ],
    references: ['CIS Controls v8 7.3 (automated operating system patch management)', 'CIS Controls v8 2.2 (supported software)'],
    remedy: 'Install the program from a package where one exists, or track its updates yourself.',
  },
  skipReason(ctx) {
    return hasPackageDb(ctx.host)
      ? null
      : `no dpkg database under ${ctx.host.root} (/var/lib/dpkg/status and info/): cannot tell which programs belong to packages (rpm databases are not read)`;
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      const seen = new Set<string>();
      for (const target of targetsOf(ctx, job)) {
        const path = target.lookup.path;
        if (target.lookup.status !== 'ok' || path === null || seen.has(path)) continue;
        seen.add(path);
        const resolved = ownershipChain(ctx, path).resolved;
        if (ownerPackage(ctx, path) || (resolved && ownerPackage(ctx, resolved))) continue;
        drafts.push({
          job,
          message: `${path}${resolved && resolved !== path ? ` (→ ${resolved})` : ''} belongs to no installed package: no security update will reach it`,
          data: { target: path, resolved },
        });
      }
    }
    return drafts;
  },
};
