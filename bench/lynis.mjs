// Lynis's scheduling tests on the same host trees (its undocumented `--rootdir DIR/` points
// tests_scheduling at the tree, see include/parameters), with its log and report kept in the bench's
// temp dir instead of /var/log. Reports its time and what it found (cron jobs it listed, warnings,
// suggestions) next to cronwarden's time and findings on the same host.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round, runChild } from './measure.mjs';

const lynisPath = () => {
  const r = spawnSync('sh', ['-c', 'command -v lynis'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};

function lynisOn(lynis, dir, work, timeoutMs) {
  const log = join(work, 'lynis.log');
  const report = join(work, 'lynis-report.dat');
  const args = ['audit', 'system', '--tests-from-group', 'scheduling', '--quick', '--no-colors', '--rootdir', `${dir}/`, '--log-file', log, '--report-file', report];
  const r = runChild(lynis, args, { timeoutMs, cwd: work });
  if (r.timedOut) return { ms: null, note: `Lynis did not finish within ${timeoutMs / 1000} s` };
  const dat = readFileSync(report, 'utf8').split('\n');
  const items = (key) => dat.filter((l) => l.startsWith(`${key}[]=`)).map((l) => l.slice(key.length + 3).split('|').slice(0, 2).join(': '));
  return {
    ms: round(r.ms),
    peakRssMb: round(r.rssMb),
    cronJobsListed: items('cronjob').length,
    warnings: items('warning'),
    // Only the scheduling group's own suggestions; the rest are its Debian plugin's, run on every audit.
    schedulingSuggestions: items('suggestion').filter((s) => s.startsWith('SCHD')),
    otherSuggestions: items('suggestion').length - items('suggestion').filter((s) => s.startsWith('SCHD')).length,
  };
}

/** `hosts`: [{name, dir, scan}] where scan is cronwarden's figures on that host from this run. */
export function lynisVersusCronwarden(hosts, work) {
  const lynis = lynisPath();
  if (!lynis) return { hosts: [], note: 'Lynis not measured: it is not installed (apt-get install -y lynis)' };
  const out = [];
  for (const h of hosts) {
    const l = lynisOn(lynis, h.dir, work, 180_000);
    out.push({
      host: h.name,
      lynis: l,
      cronwarden: { ms: h.scan.wallMs, jobs: h.scan.jobs, findings: h.scan.findings, bySeverity: h.scan.bySeverity, rules: h.scan.rules },
      cronwardenOverLynis: l.ms ? round(h.scan.wallMs / l.ms, 3) : null,
    });
  }
  return { version: spawnSync(lynis, ['--version'], { encoding: 'utf8' }).stdout.trim(), hosts: out, note: null };
}
