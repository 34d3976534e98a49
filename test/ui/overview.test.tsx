import { afterEach, describe, expect, it } from 'vitest';
import { jobList } from '../../src/ui/rows.js';
import { OverviewScreen } from '../../src/ui/screens/overview.js';
import type { Action } from '../../src/ui/state.js';
import { FIXTURE, FIXTURE_RULES } from './fixture.js';
import { modelOf, renderInk, stateAfter, unmount, type Rendered } from './helpers.js';

let r: Rendered | null = null;
afterEach(async () => {
  if (r) await unmount(r);
  r = null;
});

async function frame(actions: Action[], size?: { columns: number; rows: number }): Promise<string> {
  const model = modelOf(FIXTURE, FIXTURE_RULES);
  const state = stateAfter(model, actions, size);
  r = await renderInk(<OverviewScreen state={state} model={model} />);
  return r.lastFrame() ?? '';
}

describe('overview screen', () => {
  it('groups jobs by source with badges, marks the ignored file, scores the host (80×24)', async () => {
    const f = await frame([]);
    expect(f).toContain('/etc/cron.d/report.disabled');
    expect(f).toContain('✗ ignored');
    expect(f).toMatch(/host score \d+\/100/);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-overview-initial.txt');
  });

  it('moves the cursor and names the job in the status row', async () => {
    const f = await frame([{ type: 'move', delta: 2 }]);
    expect(f).toMatch(/› HIGH .*\(off\) \/usr\/bin\/php/);
    expect(f).toContain('not run by cron: name ‘report.disabled’');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-overview-cursor.txt');
  });

  it('filters jobs with /', async () => {
    const f = await frame([{ type: 'edit', field: 'filter' }, ...[...'alice'].map((text): Action => ({ type: 'type', text }))]);
    expect(f).toContain('/var/spool/cron/crontabs/alice');
    expect(f).not.toContain('/etc/cron.d/backup');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-overview-filtered.txt');
  });

  it('marks with + the jobs whose fixes (or their file’s) are on', async () => {
    const model = modelOf(FIXTURE, FIXTURE_RULES);
    const backup = jobList(model, '').jobs.indexOf(model.byId.get('etc-cron.d-backup:3')!);
    const state = stateAfter(model, [{ type: 'move', delta: backup }, { type: 'open' }, { type: 'toggle' }, { type: 'back' }]);
    r = await renderInk(<OverviewScreen state={state} model={model} />);
    const rows = (r.lastFrame() ?? '').split('\n');
    expect(rows.find((l) => l.includes('/usr/local/bin/backup.sh'))).toMatch(/\+ root/);
    expect(rows.find((l) => l.includes('/usr/bin/find /var/backups'))).not.toMatch(/\+ backup/);
  });

  it('drops the practice column on a narrow terminal', async () => {
    const f = await frame([], { columns: 60, rows: 20 });
    expect(f).not.toContain('practices');
    await expect(f).toMatchFileSnapshot('../../snapshots/ui-overview-narrow.txt');
  });
});
