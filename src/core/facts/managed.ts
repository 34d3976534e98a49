// Jobs the distribution ships rather than the admin wrote. Cron's own run-parts and anacron lines
// are not findings at all for root-job (RULES.md); other packaged jobs are recognised from the dpkg
// database (managedSource), or — on a root without one, such as an extracted image — from the exact
// text Debian 12 packages ship, so the stock files never read as the admin's choices.

import type { Job } from '../types.js';
import type { RuleContext } from '../../rules/rule.js';
import { hasPackageDb, managedSource } from '../packages.js';
import { basename } from '../shell/index.js';
import { sourceOf } from './environment.js';

const RUN_PARTS_DIR = String.raw`/etc/cron\.(?:hourly|daily|weekly|monthly|yearly)`;

/** cron's /etc/crontab (Debian, Ubuntu; RHEL's 0hourly), anacron's anacrontab and its cron.d hook. */
const CRON_MACHINERY: RegExp[] = [
  new RegExp(String.raw`^(?:cd / && )?run-parts(?: --report)? ${RUN_PARTS_DIR}$`),
  new RegExp(String.raw`^test -x /usr/sbin/anacron \|\| \{ cd / && run-parts --report ${RUN_PARTS_DIR}; \}$`),
  new RegExp(String.raw`^nice(?: -n ?\d+)? run-parts(?: --report)? ${RUN_PARTS_DIR}$`),
  /^\[ -x \/etc\/init\.d\/anacron \] && if \[ ! -d \/run\/systemd\/system \]; then \/usr\/sbin\/invoke-rc\.d anacron start >\/dev\/null; fi$/,
  /^test -x \/etc\/init\.d\/anacron && \/usr\/sbin\/invoke-rc\.d anacron start >\/dev\/null$/,
];

/** Lines Debian 12 packages put in /etc/cron.d, with their package. */
const PACKAGED_LINES: Array<{ pkg: string; match: RegExp }> = [
  { pkg: 'e2fsprogs', match: /^test -e \/run\/systemd\/system \|\| SERVICE_MODE=1 \/usr\/lib\/[a-z0-9_-]+\/e2fsprogs\/e2scrub_all_cron$/ },
  { pkg: 'e2fsprogs', match: /^test -e \/run\/systemd\/system \|\| SERVICE_MODE=1 \/sbin\/e2scrub_all -A -r$/ },
  { pkg: 'php-common', match: /^\[ -x \/usr\/lib\/php\/sessionclean \] && if \[ ! -d \/run\/systemd\/system \]; then \/usr\/lib\/php\/sessionclean; fi$/ },
  {
    pkg: 'certbot',
    match: /^test -x \/usr\/bin\/certbot -a \\! -d \/run\/systemd\/system && perl -e 'sleep int\(rand\(43200\)\)' && certbot -q renew(?: --no-random-sleep-on-renew)?$/,
  },
  { pkg: 'sysstat', match: /^command -v debian-sa1 > \/dev\/null && debian-sa1 (?:1 1|60 2)$/ },
];

/** Every packaged line above mentions one of these: most jobs are rejected without the full match. */
const PACKAGED_HINT = /\/run\/systemd\/system|debian-sa1/;

/** Scripts Debian packages put in the run-parts directories (used only without a dpkg database). */
const PACKAGED_SCRIPTS: Record<string, string> = {
  '0anacron': 'anacron', 'apt-compat': 'apt', dpkg: 'dpkg', logrotate: 'logrotate', 'man-db': 'man-db',
  'exim4-base': 'exim4-base', sysstat: 'sysstat', bsdmainutils: 'bsdmainutils', passwd: 'passwd',
  aptitude: 'aptitude', apache2: 'apache2', mlocate: 'mlocate', plocate: 'plocate', 'popularity-contest': 'popularity-contest',
  debsums: 'debsums', ntp: 'ntp', quota: 'quota', samba: 'samba', spamassassin: 'spamassassin', chkrootkit: 'chkrootkit',
  rkhunter: 'rkhunter', 'locate': 'locate', 'google-chrome': 'google-chrome-stable', 'mdadm': 'mdadm',
};

const normalise = (command: string): string => command.trim().replace(/[ \t]+/g, ' ');

/** cron's and anacron's own lines: running the run-parts directories is the distribution's design. */
export function isCronMachinery(job: Job): boolean {
  if (job.user !== 'root' || job.sourceKind === 'user') return false;
  if (job.sourceKind === 'run-parts') return basename(job.source) === '0anacron';
  if (!job.command.includes('run-parts') && !job.command.includes('anacron')) return false;
  const command = normalise(job.command);
  return CRON_MACHINERY.some((re) => re.test(command));
}

/** Where a stock job comes from — "cron" for cron's and anacron's own lines, else the package that
 *  ships it — recognised from its text (or, only on a root without a dpkg database, the name of a
 *  run-parts script). The dpkg database itself is consulted by managedSource. */
export function stockOrigin(ctx: RuleContext, job: Job): string | null {
  if (isCronMachinery(job)) return 'cron';
  if (job.sourceKind === 'user') return null;
  if (job.sourceKind === 'run-parts') return hasPackageDb(ctx.host) ? null : (PACKAGED_SCRIPTS[basename(job.source)] ?? null);
  if (!job.source.startsWith('/etc/cron.d/') || !PACKAGED_HINT.test(job.command)) return null;
  const command = normalise(job.command);
  return PACKAGED_LINES.find((p) => p.match.test(command))?.pkg ?? null;
}

/** The package a job comes from (dpkg database first, else its stock text), or null. */
export function packagedJob(ctx: RuleContext, job: Job): string | null {
  return managedSource(ctx, job.source) ?? stockOrigin(ctx, job);
}

export function isDistributionManaged(ctx: RuleContext, job: Job): boolean {
  return packagedJob(ctx, job) !== null;
}

/**
 * For style-level rules (practices 1, 3, 6, 11): a note saying the job is the distribution's, so the
 * rule reports it at info — unless the inventory already marked its source package-managed, in
 * which case the engine lowers it and says so. null for the admin's own jobs.
 */
export function stockNote(ctx: RuleContext, job: Job): string | null {
  if (sourceOf(ctx, job.source)?.managed) return null;
  const pkg = managedSource(ctx, job.source);
  if (pkg) return `package-managed by ${pkg}: an edit would be undone on upgrade`;
  const origin = stockOrigin(ctx, job);
  if (origin === null) return null;
  return origin === 'cron' ? "cron's own stock line: leave it as the distribution ships it" : `as the ${origin} package ships it: an edit would conflict on upgrade`;
}
