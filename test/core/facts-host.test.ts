import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import { memoryHost } from '../../src/host/memory-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { hostFacts, parseAptConf, userFacts } from '../../src/core/facts/index.js';
import { DEBIAN_PASSWD, debianBase } from '../helpers/debian-base.js';

function context(files: TreeSpec = {}): RuleContext {
  const host = memoryHost({ ...debianBase(), ...files });
  return { host, inventory: buildInventory(host), cache: new Map() };
}

describe('hostFacts', () => {
  it('finds the helper programs a fix may use, and no MTA on a stock host', () => {
    const facts = hostFacts(context());
    expect(facts).toMatchObject({ logger: '/usr/bin/logger', flock: '/usr/bin/flock', timeout: '/usr/bin/timeout', runOne: null, sendmail: null });
    expect(facts.cronAllow).toBeNull();
    expect(facts.packageManager).toBeNull();
  });

  it('sees an MTA, cron.allow/deny and a setgid crontab binary', () => {
    const facts = hostFacts(
      context({
        '/usr/sbin/sendmail': { content: '', mode: 0o755 },
        '/etc/cron.allow': 'root\n',
        '/etc/cron.deny': '',
        '/usr/bin/crontab': { content: '', mode: 0o2755, gid: 102 },
      }),
    );
    expect(facts.sendmail).toBe('/usr/sbin/sendmail');
    expect(facts.cronAllow?.type).toBe('file');
    expect(facts.cronDeny?.type).toBe('file');
    expect(facts.crontabSetgidGroup).toBe('crontab');
  });

  it('reads unattended upgrades as apt does: later files win', () => {
    const base: TreeSpec = { '/usr/bin/apt-get': { content: '', mode: 0o755 }, '/usr/bin/unattended-upgrade': { content: '', mode: 0o755 } };
    const on = hostFacts(context({ ...base, '/etc/apt/apt.conf.d/20auto-upgrades': 'APT::Periodic::Unattended-Upgrade "1";\n' }));
    expect(on.autoUpdates).toEqual({ enabled: true, file: '/etc/apt/apt.conf.d/20auto-upgrades', reason: null });
    const off = hostFacts(
      context({ ...base, '/etc/apt/apt.conf.d/20auto-upgrades': 'APT::Periodic::Unattended-Upgrade "1";\n', '/etc/apt/apt.conf.d/99x': 'APT::Periodic::Enable "0";\n' }),
    );
    expect(off.autoUpdates.enabled).toBe(false);
    expect(off.autoUpdates.reason).toContain('APT::Periodic::Enable');
  });

  it('parses both apt.conf forms and ignores comments', () => {
    expect(parseAptConf('// c\nAPT::Periodic::A "1";\nAPT { Periodic { B "2"; /* x */ }; };\n# note\nC "3";\n')).toEqual([
      ['APT::Periodic::A', '1'],
      ['APT::Periodic::B', '2'],
      ['C', '3'],
    ]);
  });
});

describe('userFacts', () => {
  it('tells service accounts from people, and login shells and passwords', () => {
    const ctx = context();
    expect(userFacts(ctx, 'www-data')).toMatchObject({ interactiveShell: false, password: 'locked', regular: false });
    expect(userFacts(ctx, 'postgres')).toMatchObject({ interactiveShell: true, password: 'locked', regular: false });
    expect(userFacts(ctx, 'alice')).toMatchObject({ interactiveShell: true, password: 'set', regular: true });
    expect(userFacts(ctx, 'nobody')?.regular).toBe(false);
    expect(userFacts(ctx, 'ghost')).toBeNull();
  });

  it('honours login.defs, and a user without a shadow line', () => {
    const ctx = context({ '/etc/login.defs': 'UID_MIN 2000\n', '/etc/passwd': `${DEBIAN_PASSWD}svc:x:1500:1500::/srv:/bin/false\n` });
    expect(userFacts(ctx, 'alice')?.regular).toBe(false);
    expect(userFacts(ctx, 'svc')).toMatchObject({ interactiveShell: false, password: 'unknown' });
  });
});
