import type { Rule } from './rule.js';
import { hostFacts } from '../core/facts/index.js';

export const noAutoUpdates: Rule = {
  id: 'no-auto-updates',
  title: 'Security updates are not installed automatically',
  practice: 7,
  severity: 'info',
  fixKind: 'none',
  docs: {
    rationale:
      'Jobs run the programs the host has; when security updates wait for someone to log in and install them, a ' +
      'known hole in curl, php or tar stays open for weeks. Unattended upgrades (Debian) or dnf-automatic (RHEL) ' +
      'install security fixes daily.',
    bad: [{ text: '0 3 * * * root /usr/bin/true\n', files: { '/usr/bin/apt-get': { content: '', mode: 0o755 } } }],
    good: [
      {
        text: '0 3 * * * root /usr/bin/true\n',
        files: {
          '/usr/bin/apt-get': { content: '', mode: 0o755 },
          '/usr/bin/unattended-upgrade': { content: '', mode: 0o755 },
          '/etc/apt/apt.conf.d/20auto-upgrades': 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n',
        },
      },
    ],
    references: ['CIS Debian 12 1.2.2.1 (updates installed)', 'Lynis PKGS-7420', 'Debian wiki UnattendedUpgrades'],
    remedy:
      'Debian/Ubuntu: apt-get install unattended-upgrades, then dpkg-reconfigure -plow unattended-upgrades (writes ' +
      '20auto-upgrades). RHEL: dnf install dnf-automatic, set apply_updates = yes, enable dnf-automatic.timer.',
  },
  skipReason(ctx) {
    return hostFacts(ctx).packageManager ? null : `no apt-get or dnf under ${ctx.host.root}: cannot tell how this host gets updates`;
  },
  detect(ctx) {
    const { autoUpdates } = hostFacts(ctx);
    if (autoUpdates.enabled) return [];
    return [{ path: autoUpdates.file, line: null, message: `security updates are not installed automatically: ${autoUpdates.reason}`, data: { ...autoUpdates } }];
  },
};
