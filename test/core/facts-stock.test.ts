// Debian 12's own cron files, as the packages ship them, must not read as the admin's mistakes:
// none of the privilege, permission, environment or host-level rules may rate them above `low`.

import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import { severityRank } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { analyse } from '../../src/rules/engine.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { cronAllowMissing } from '../../src/rules/cron-allow-missing.js';
import { cronDirPerms } from '../../src/rules/cron-dir-perms.js';
import { cronFilePerms } from '../../src/rules/cron-file-perms.js';
import { insecurePath } from '../../src/rules/insecure-path.js';
import { loginShellUser } from '../../src/rules/login-shell-user.js';
import { missingTarget } from '../../src/rules/missing-target.js';
import { noAutoUpdates } from '../../src/rules/no-auto-updates.js';
import { noPath } from '../../src/rules/no-path.js';
import { relativeCommand } from '../../src/rules/relative-command.js';
import { rootJob } from '../../src/rules/root-job.js';
import { sharedServiceUser } from '../../src/rules/shared-service-user.js';
import { singleUserConcentration } from '../../src/rules/single-user-concentration.js';
import { spoolPerms } from '../../src/rules/spool-perms.js';
import { unmanagedBinary } from '../../src/rules/unmanaged-binary.js';
import { writableTarget } from '../../src/rules/writable-target.js';
import { writableTargetDir } from '../../src/rules/writable-target-dir.js';
import { debianBase } from '../helpers/debian-base.js';
import { STOCK } from '../helpers/debian-stock.js';

const RULES = [
  cronAllowMissing, cronDirPerms, cronFilePerms, insecurePath, loginShellUser, missingTarget, noAutoUpdates, noPath,
  relativeCommand, rootJob, sharedServiceUser, singleUserConcentration, spoolPerms, unmanagedBinary, writableTarget, writableTargetDir,
];


function scan(files: TreeSpec) {
  const host = memoryHost({ ...debianBase(), ...files });
  const ctx: RuleContext = { host, inventory: buildInventory(host), cache: new Map() };
  return analyse(ctx, RULES).findings;
}

describe('stock Debian 12 cron files', () => {
  it('raise nothing above low', () => {
    const findings = scan(STOCK);
    const serious = findings.filter((f) => severityRank(f.severity) < severityRank('low'));
    expect(serious.map((f) => `${f.rule} ${f.path}:${f.line} ${f.severity} ${f.message}`)).toEqual([]);
    // What they do raise is the hardening CIS asks for, not a judgement on the packaged jobs.
    expect(new Set(findings.filter((f) => f.severity === 'low').map((f) => f.rule))).toEqual(new Set(['cron-allow-missing', 'cron-dir-perms', 'cron-file-perms']));
  });

  it('still flags what an admin adds next to them', () => {
    const findings = scan({ ...STOCK, '/etc/cron.d/backup': '0 2 * * * root tar czf /var/backups/etc.tgz /etc\n' });
    expect(findings.filter((f) => f.path === '/etc/cron.d/backup').map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'relative-command medium',
      'root-job medium',
      'no-path low',
    ]);
  });
});
