import { unmanagedBinary } from '../../src/rules/unmanaged-binary.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { analyse } from '../../src/rules/engine.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { debianBase } from '../helpers/debian-base.js';
import { testRule } from '../helpers/rule-tester.js';

const dpkg = (lists: Record<string, string[]>): TreeSpec => ({
  '/var/lib/dpkg/status': Object.keys(lists).map((p) => `Package: ${p}\nStatus: install ok installed\n`).join('\n'),
  ...Object.fromEntries(Object.entries(lists).map(([p, files]) => [`/var/lib/dpkg/info/${p}.list`, `/.\n/usr\n${files.join('\n')}\n`])),
});
const DB = dpkg({ coreutils: ['/usr/bin/env', '/usr/bin/timeout'], php: ['/usr/bin/php'], tar: ['/usr/bin/tar', '/bin/tar'] });

testRule(unmanagedBinary, {
  invalid: [
    {
      name: 'script in /usr/local',
      text: '0 3 * * * root /usr/local/bin/backup.sh\n',
      files: { ...DB, '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 } },
      errors: [{ severity: 'info', message: '/usr/local/bin/backup.sh belongs to no installed package' }],
    },
    {
      name: 'an interpreter script',
      text: '0 3 * * * www-data /usr/bin/php /var/www/app/artisan schedule:run\n',
      files: { ...DB, '/var/www/app/artisan': '<?php\n' },
      errors: [{ message: '/var/www/app/artisan' }],
    },
    {
      name: 'packaged program behind an unpackaged symlink is judged by its target',
      text: '0 3 * * * root /usr/local/bin/mytool\n',
      files: { ...DB, '/usr/local/bin/mytool': { target: '/opt/tool/bin/tool' }, '/opt/tool/bin/tool': { content: '', mode: 0o755 } },
      errors: [{ message: '/usr/local/bin/mytool (→ /opt/tool/bin/tool)' }],
    },
  ],
  valid: [
    { name: 'no dpkg database: the rule is skipped, not silent', text: '0 3 * * * root /usr/local/bin/backup.sh\n', files: { '/usr/local/bin/backup.sh': { content: '', mode: 0o755 } } },
    { name: 'packaged programs', text: '0 3 * * * root /usr/bin/timeout 60 /usr/bin/tar czf /x /etc\n', files: DB },
    {
      name: 'a link to a packaged program',
      text: '0 3 * * * root /usr/local/bin/php\n',
      files: { ...DB, '/usr/local/bin/php': { target: '/usr/bin/php' } },
    },
    { name: 'missing targets are missing-target’s', text: '0 3 * * * root /opt/none/run\n', files: DB },
  ],
});

describe('unmanaged-binary without a package database', () => {
  it('says why it is skipped instead of finding nothing', () => {
    const host = memoryHost(debianBase());
    const ctx: RuleContext = { host, inventory: buildInventory(host), cache: new Map() };
    expect(unmanagedBinary.skipReason?.(ctx)).toMatch(/no dpkg database under \/ .*cannot tell which programs belong to packages/);
    const result = analyse(ctx, [unmanagedBinary]);
    expect(result.skipped).toEqual([{ rule: 'unmanaged-binary', reason: unmanagedBinary.skipReason?.(ctx) }]);
    const withDb = memoryHost({ ...debianBase(), ...DB });
    expect(unmanagedBinary.skipReason?.({ host: withDb, inventory: buildInventory(withDb), cache: new Map() })).toBeNull();
  });
});
