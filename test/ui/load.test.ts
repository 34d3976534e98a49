import { describe, expect, it } from 'vitest';
import { memoryHost, MEMORY_HOST_NOW } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import { scan } from '../../src/scan.js';
import { scanInSlices, type ScanProgress } from '../../src/ui/load.js';
import { debianBase } from '../helpers/debian-base.js';

describe('the sliced scan', () => {
  it('reports sources and jobs as it reads them and ends with what scan() finds', async () => {
    const spec: TreeSpec = { ...debianBase() };
    for (let f = 0; f < 300; f++) {
      let text = 'MAILTO=""\n';
      for (let l = 0; l < 20; l++) text += `${l} ${f % 24} * * * root /usr/local/bin/job-${f}-${l}.sh >/dev/null 2>&1\n`;
      spec[`/etc/cron.d/f${String(f).padStart(3, '0')}`] = text;
    }
    const host = memoryHost(spec, { now: MEMORY_HOST_NOW });
    const seen: ScanProgress[] = [];
    const sliced = await scanInSlices(host, (p) => seen.push(p), 0);
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.sources).toBeGreaterThanOrEqual(seen[i - 1]!.sources);
      expect(seen[i]!.jobs).toBeGreaterThanOrEqual(seen[i - 1]!.jobs);
    }
    expect(seen.at(-1)).toEqual({ sources: sliced.inventory.sources.length, jobs: 6000, current: 'checking the rules' });
    const whole = scan(memoryHost(spec, { now: MEMORY_HOST_NOW }));
    expect(sliced.inventory.jobs.map((j) => j.id)).toEqual(whole.inventory.jobs.map((j) => j.id));
    expect(sliced.findings.map((f) => `${f.rule} ${f.job ?? f.path}`)).toEqual(whole.findings.map((f) => `${f.rule} ${f.job ?? f.path}`));
  });

  it('redraws the counters at most once per interval (each report is a frame), and always says when the rules start', async () => {
    const spec: TreeSpec = { ...debianBase() };
    for (let f = 0; f < 300; f++) spec[`/etc/cron.d/f${String(f).padStart(3, '0')}`] = `MAILTO=""\n${'0 * * * * root /bin/true >/dev/null 2>&1\n'.repeat(40)}`;
    const seen: ScanProgress[] = [];
    await scanInSlices(memoryHost(spec, { now: MEMORY_HOST_NOW }), (p) => seen.push(p), 60 * 60_000);
    // The first slice reports at once; within the hour no other slice may (the read takes many
    // 12 ms slices: unthrottled, every one of them would report).
    expect(seen.filter((p) => p.current !== 'checking the rules').length).toBeLessThanOrEqual(1);
    expect(seen.at(-1)?.current).toBe('checking the rules');
  });
});
