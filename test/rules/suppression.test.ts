import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../src/host/memory-host.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';

const host = (text: string) => memoryHost({ ...debianBase(), '/etc/cron.d/example': text });
const rulesAt = (text: string, line: number, options = {}) =>
  scan(host(text), options).findings.filter((f) => f.line === line).map((f) => f.rule);

describe('suppression', () => {
  const JOB = '*/5 * * * * root /usr/local/bin/x.sh >/dev/null 2>&1\n';

  it('# cronwarden-disable-next-line RULE silences that rule on the next line only, and counts it', () => {
    const before = rulesAt(JOB, 1);
    expect(before).toContain('root-job');
    expect(before).toContain('output-discarded');
    const text = `# cronwarden-disable-next-line root-job, output-discarded\n${JOB}${JOB}`;
    const result = scan(host(text));
    const line2 = result.findings.filter((f) => f.line === 2).map((f) => f.rule);
    expect(line2).not.toContain('root-job');
    expect(line2).not.toContain('output-discarded');
    expect(line2.length).toBe(before.length - 2);
    expect(result.findings.filter((f) => f.line === 3).map((f) => f.rule)).toEqual(expect.arrayContaining(['root-job', 'output-discarded']));
    expect(result.suppressed).toBeGreaterThanOrEqual(2);
  });

  it('accepts a space-separated list and `all`', () => {
    expect(rulesAt(`#cronwarden-disable-next-line root-job output-discarded\n${JOB}`, 2)).not.toContain('root-job');
    expect(rulesAt(`# cronwarden-disable-next-line all\n${JOB}`, 2)).toEqual([]);
  });

  it('an ordinary comment or a directive two lines up suppresses nothing', () => {
    expect(rulesAt(`# root-job\n${JOB}`, 2)).toContain('root-job');
    expect(rulesAt(`# cronwarden-disable-next-line root-job\n\n${JOB}`, 3)).toContain('root-job');
  });

  it('--disable and --rule select rules for the whole run', () => {
    expect(rulesAt(JOB, 1, { disable: ['root-job'] })).not.toContain('root-job');
    expect(rulesAt(JOB, 1, { rules: ['root-job'] })).toEqual(['root-job']);
  });
});
