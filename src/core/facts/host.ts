// Host-wide facts the rules and fixes need: which helper programs exist (a fix may only wrap a job
// in flock/timeout/logger that the host has), whether mail can leave (an MTA), whether security
// updates install themselves, and who may use crontab(1).

import type { FileInfo } from '../types.js';
import { memo, type RuleContext } from '../../rules/rule.js';
import { isInstalled } from '../packages.js';
import { readAptConfig } from './apt-config.js';
import { SAFE_PATH_ENTRIES } from './environment.js';
import { resolveCommand } from './resolve.js';
import { groupName } from './ownership.js';

export interface AutoUpdates {
  /** Unattended upgrades will run (Debian apt or RHEL dnf-automatic). */
  enabled: boolean;
  /** The file that decides it (or would), for the report. */
  file: string | null;
  /** Why not, in words, when disabled. */
  reason: string | null;
}

export interface HostFacts {
  logger: string | null;
  flock: string | null;
  timeout: string | null;
  runOne: string | null;
  /** The MTA entry point cron pipes job output to (Debian cron: /usr/sbin/sendmail). */
  sendmail: string | null;
  autoUpdates: AutoUpdates;
  /** Group of /usr/bin/crontab when it is setgid (Debian: `crontab`), so cron.allow must be readable by it. */
  crontabSetgidGroup: string | null;
  cronAllow: FileInfo | null;
  cronDeny: FileInfo | null;
  /** apt (Debian/Ubuntu) or dnf/yum (RHEL), or null when neither is present. */
  packageManager: 'apt' | 'dnf' | null;
}

export function findProgram(ctx: RuleContext, name: string): string | null {
  return resolveCommand(ctx, name, SAFE_PATH_ENTRIES);
}

export function hostFacts(ctx: RuleContext): HostFacts {
  return memo(ctx, 'facts:host', () => {
    const crontab = ctx.host.stat('/usr/bin/crontab');
    const sendmail = ctx.host.stat('/usr/sbin/sendmail');
    const packageManager = findProgram(ctx, 'apt-get') ? 'apt' : findProgram(ctx, 'dnf') || findProgram(ctx, 'yum') ? 'dnf' : null;
    return {
      logger: findProgram(ctx, 'logger'),
      flock: findProgram(ctx, 'flock'),
      timeout: findProgram(ctx, 'timeout'),
      runOne: findProgram(ctx, 'run-one'),
      sendmail: sendmail?.type === 'file' && (sendmail.mode & 0o111) !== 0 ? '/usr/sbin/sendmail' : null,
      autoUpdates: packageManager === 'dnf' ? dnfAutomatic(ctx) : aptUnattended(ctx),
      crontabSetgidGroup: crontab?.type === 'file' && (crontab.mode & 0o2000) !== 0 ? groupName(ctx, crontab.gid) : null,
      cronAllow: ctx.host.lstat('/etc/cron.allow'),
      cronDeny: ctx.host.lstat('/etc/cron.deny'),
      packageManager,
    };
  });
}

const AUTO_UPGRADES = '/etc/apt/apt.conf.d/20auto-upgrades';

/** Debian: apt's daily job runs unattended-upgrade when APT::Periodic::Unattended-Upgrade is a
 *  non-zero interval (apt.systemd.daily) and the package is installed. */
function aptUnattended(ctx: RuleContext): AutoUpdates {
  const config = readAptConfig(ctx.host);
  const setting = config.get('apt::periodic::unattended-upgrade');
  const enable = config.get('apt::periodic::enable');
  const installed = isInstalled(ctx, 'unattended-upgrades') || ctx.host.stat('/usr/bin/unattended-upgrade')?.type === 'file';
  if (!installed) return { enabled: false, file: AUTO_UPGRADES, reason: 'the unattended-upgrades package is not installed' };
  if (enable && enable.value === '0') return { enabled: false, file: enable.file, reason: `APT::Periodic::Enable is "0" in ${enable.file}` };
  if (!setting) return { enabled: false, file: AUTO_UPGRADES, reason: 'APT::Periodic::Unattended-Upgrade is not set' };
  if (!isPositiveInterval(setting.value)) {
    return { enabled: false, file: setting.file, reason: `APT::Periodic::Unattended-Upgrade is "${setting.value}" in ${setting.file}` };
  }
  return { enabled: true, file: setting.file, reason: null };
}

/** apt.systemd.daily accepts a number of days, or a number with a unit (s, m, h, d). */
function isPositiveInterval(value: string): boolean {
  const match = /^(\d+)[smhd]?$/.exec(value.trim());
  return match !== null && Number(match[1]) > 0;
}

const DNF_AUTOMATIC = '/etc/dnf/automatic.conf';

/** RHEL: dnf-automatic installs updates only with apply_updates = yes (its timer does the rest). */
function dnfAutomatic(ctx: RuleContext): AutoUpdates {
  let text: string;
  try {
    text = new TextDecoder().decode(ctx.host.readFile(DNF_AUTOMATIC));
  } catch {
    return { enabled: false, file: DNF_AUTOMATIC, reason: 'dnf-automatic is not installed' };
  }
  const apply = /^\s*apply_updates\s*=\s*(\S+)/m.exec(text)?.[1]?.toLowerCase();
  return apply === 'yes' || apply === 'true' || apply === '1'
    ? { enabled: true, file: DNF_AUTOMATIC, reason: null }
    : { enabled: false, file: DNF_AUTOMATIC, reason: `apply_updates is not "yes" in ${DNF_AUTOMATIC}` };
}
