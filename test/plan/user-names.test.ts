import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../src/host/memory-host.js';
import { buildPlan } from '../../src/plan/planner.js';
import { scan } from '../../src/scan.js';
import { debianBase } from '../helpers/debian-base.js';

const host = () =>
  scan(
    memoryHost({
      ...debianBase(),
      '/usr/local/bin/backup.sh': { content: '#!/bin/sh\n', mode: 0o755 },
      '/etc/cron.d/backup': '30 2 * * * root /usr/local/bin/backup.sh\n',
    }),
  );
const created = (plan: ReturnType<typeof buildPlan>) => plan.operations.flatMap((op) => (op.op === 'create-user' ? [op.name] : []));
const written = (plan: ReturnType<typeof buildPlan>) => plan.operations.flatMap((op) => (op.op === 'write-file' ? [op.path] : []));

describe('a chosen name for the dedicated user', () => {
  it('is used for the user and its cron.d file', () => {
    const plan = buildPlan(host(), { userNames: { 'etc-cron.d-backup:1': 'nightly-backup' } });
    expect(created(plan)).toEqual(['nightly-backup']);
    expect(written(plan)).toContain('/etc/cron.d/cronwarden-nightly-backup');
  });

  it('falls back to the planned name when it is taken or invalid', () => {
    expect(created(buildPlan(host()))).toEqual(['cw-backup']);
    expect(created(buildPlan(host(), { userNames: { 'etc-cron.d-backup:1': 'backup' } }))).toEqual(['cw-backup']);
    expect(created(buildPlan(host(), { userNames: { 'etc-cron.d-backup:1': 'Not Valid' } }))).toEqual(['cw-backup']);
  });
});
