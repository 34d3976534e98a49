import { noAutoUpdates } from '../../src/rules/no-auto-updates.js';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { debianBase } from '../helpers/debian-base.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * root /usr/bin/true\n';
const APT = { '/usr/bin/apt-get': { content: '', mode: 0o755 } };
const UU = { ...APT, '/usr/bin/unattended-upgrade': { content: '', mode: 0o755 } };
const ON = 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n';

testRule(noAutoUpdates, {
  invalid: [
    { name: 'package not installed', text: JOB, files: APT, errors: [{ path: '/etc/apt/apt.conf.d/20auto-upgrades', line: null, severity: 'info', message: 'not installed' }] },
    { name: 'installed but not enabled', text: JOB, files: UU, errors: [{ message: 'Unattended-Upgrade is not set' }] },
    { name: 'set to "0"', text: JOB, files: { ...UU, '/etc/apt/apt.conf.d/20auto-upgrades': ON.replace('Upgrade "1"', 'Upgrade "0"') }, errors: [{ message: 'is "0"' }] },
    {
      name: 'a later file turns it off again',
      text: JOB,
      files: { ...UU, '/etc/apt/apt.conf.d/20auto-upgrades': ON, '/etc/apt/apt.conf.d/99local': 'APT { Periodic { Unattended-Upgrade "0"; }; };\n' },
      errors: [{ message: '99local' }],
    },
    { name: 'RHEL dnf-automatic that only downloads', text: JOB, files: { '/usr/bin/dnf': { content: '', mode: 0o755 }, '/etc/dnf/automatic.conf': '[commands]\napply_updates = no\n' }, errors: [{ path: '/etc/dnf/automatic.conf' }] },
  ],
  valid: [
    { name: 'enabled', text: JOB, files: { ...UU, '/etc/apt/apt.conf.d/20auto-upgrades': ON } },
    { name: 'nested syntax with comments', text: JOB, files: { ...UU, '/etc/apt/apt.conf.d/50local': '// daily\nAPT {\n  Periodic {\n    Unattended-Upgrade "1"; # on\n  };\n};\n' } },
    { name: 'a disabled backup file is ignored by apt', text: JOB, files: { ...UU, '/etc/apt/apt.conf.d/20auto-upgrades': ON, '/etc/apt/apt.conf.d/99off.disabled': 'APT::Periodic::Unattended-Upgrade "0";\n' } },
    { name: 'RHEL dnf-automatic applying updates', text: JOB, files: { '/usr/bin/dnf': { content: '', mode: 0o755 }, '/etc/dnf/automatic.conf': '[commands]\napply_updates = yes\n' } },
    { name: 'no package manager: skipped', text: JOB },
  ],
});

describe('no-auto-updates without a package manager', () => {
  it('is skipped with the reason', () => {
    const host = memoryHost(debianBase());
    const ctx: RuleContext = { host, inventory: buildInventory(host), cache: new Map() };
    expect(noAutoUpdates.skipReason?.(ctx)).toBe('no apt-get or dnf under /: cannot tell how this host gets updates');
  });
});
