// The facts read the host only through the Host interface: on a real root prefix on disk they must
// say exactly what they say on the in-memory host built from the same tree (links re-rooted, modes
// and owners as written).

import { afterEach, describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/core/inventory.js';
import { managedSource, ownerPackage } from '../../src/core/packages.js';
import type { Host } from '../../src/core/types.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { rootHost } from '../../src/host/root-host.js';
import type { TreeSpec } from '../../src/host/tree-spec.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { exposureOf, hostFacts, ownershipChain, targetsOf } from '../../src/core/facts/index.js';
import { debianBase } from '../helpers/debian-base.js';
import { tempRoot } from '../helpers/temp-root.js';

const CRON = '0 3 * * * root /usr/local/bin/app --run\n30 3 * * * www-data /usr/bin/php /srv/shop/artisan schedule:run\n';
const TREE: TreeSpec = {
  ...debianBase(),
  // mkdtemp makes the prefix 0700; the host's / is 0755.
  '/': { type: 'dir', mode: 0o755 },
  '/etc/cron.d/app': CRON,
  // An absolute link must resolve inside the root, never on this machine.
  '/usr/local/bin/app': { target: '/opt/app/current/bin/app' },
  '/opt/app/current': { target: 'releases/7' },
  '/opt/app/releases/7/bin/app': { content: '#!/bin/sh\n', mode: 0o755 },
  '/opt/app/releases': { type: 'dir', mode: 0o775, gid: 27 },
  '/srv/shop': { type: 'dir', mode: 0o755, uid: 1001, gid: 1001 },
  '/srv/shop/artisan': { content: '<?php\n', mode: 0o644, uid: 1001, gid: 1001 },
  '/var/lib/dpkg/status': 'Package: php8.2-cli\nStatus: install ok installed\n',
  '/var/lib/dpkg/info/php8.2-cli.list': '/.\n/usr/bin/php\n',
};

function facts(host: Host) {
  const ctx: RuleContext = { host, inventory: buildInventory(host), cache: new Map() };
  return ctx.inventory.jobs.map((job) => ({
    job: job.id,
    targets: targetsOf(ctx, job).map((t) => ({ kind: t.kind, path: t.lookup.path, status: t.lookup.status })),
    chains: targetsOf(ctx, job).map((t) => ownershipChain(ctx, t.lookup.path ?? '/').links.map((l) => `${l.role}:${l.path}:${l.info.mode.toString(8)}:${l.info.uid}`)),
    exposure: targetsOf(ctx, job).map((t) => {
      const e = exposureOf(ctx, t.lookup.path ?? '/', job.user);
      return { file: e.fileRisks, dirs: e.dirs.map((d) => [d.link.path, d.risks]) };
    }),
    owners: targetsOf(ctx, job).map((t) => ownerPackage(ctx, t.lookup.path ?? '/')),
    managed: managedSource(ctx, job.source),
    host: hostFacts(ctx),
  }));
}

describe('facts on a real root prefix', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('match the in-memory host built from the same tree', () => {
    if (process.getuid?.() !== 0) {
      if (process.env.CRONWARDEN_IN_CI === 'true') throw new Error('this test writes files owned by other users: run it as root in CI');
      console.warn('SKIPPED facts-disk: not root, cannot create files owned by other users');
      return;
    }
    const root = tempRoot(TREE);
    cleanup = root.cleanup;
    const onDisk = facts(rootHost(root.dir));
    expect(onDisk).toEqual(facts(memoryHost(TREE)));
    const app = onDisk.find((j) => j.job.endsWith(':1'))!;
    expect(app.chains[0]!.at(-1)).toBe('target:/opt/app/releases/7/bin/app:755:0');
    expect(app.exposure[0]!.dirs).toEqual([['/opt/app/releases', [{ kind: 'group', who: 'sudo' }]]]);
    const shop = onDisk.find((j) => j.job.endsWith(':2'))!;
    expect(shop.owners).toEqual(['php8.2-cli', null]);
  });
});
