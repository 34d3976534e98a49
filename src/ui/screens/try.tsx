// Try-run (practice 8, "works in my shell, fails in cron"): the job once, now, as cron would run
// it — the preview of cron's start-up (user, argv, cwd, environment, timeout), a typed
// confirmation, the live output, then the result and how the caller's environment differs from
// cron's. Only on the live host: on a root prefix the programs and accounts belong to another system.

import { Frame, bodyHeight } from '../components/frame.js';
import { Lines } from '../components/lines.js';
import { useClampedScroll } from '../hooks/use-clamp.js';
import type { WizardModel } from '../model.js';
import type { WizardState } from '../state.js';
import { TRY_TIMEOUT_MS, TRY_WORD } from '../state-try.js';
import { diffLines, line, scrolled, seg, wrap, type Line } from '../text.js';
import type { StyleName } from '../theme.js';
import { outcomeLine, renderPreview, renderResultText } from '../../try/render.js';

export interface TryScreenProps {
  state: WizardState;
  model: WizardModel;
  /** The environment the result is compared with: the caller's (tests pass a fixed one). */
  callerEnv?: Readonly<Record<string, string | undefined>>;
  onScroll?: (offset: number) => void;
}

const KEYS = {
  prefix: 'q back',
  preparing: 'q back',
  refused: 'q back',
  confirm: `type ${TRY_WORD} + enter: run it now  ↑↓ scroll  esc back`,
  running: 'esc stop the job (its whole process group is killed)',
  cancelling: 'stopping…',
  done: '↑↓ j k scroll  q back',
  failed: 'q back',
} as const;

function reportStyle(text: string): StyleName | undefined {
  if (text.startsWith('──')) return 'title';
  if (text.startsWith('WARNING') || text.startsWith('note:') || text.startsWith('  note:')) return 'warn';
  return undefined;
}

/** Multi-line text as rows; long rows are cut, not wrapped: a command or a value must show whole. */
function rows(text: string, width: number): Line[] {
  return diffLines(text, reportStyle, width);
}

function prose(text: string, width: number, style?: StyleName): Line[] {
  return wrap(text, width - 1).map((t) => line(seg(t, style)));
}

export function TryScreen({ state, model, callerEnv = process.env, onScroll }: TryScreenProps) {
  const width = state.size.columns;
  const t = state.try;
  const { job } = model.jobs[t.job];
  const head: Line[] = [line(seg(job.id, 'title'), seg(`  ${job.source} line ${job.line}  user ${job.user ?? '?'}`)), line(seg('command   ', 'dim'), seg(job.command))];
  let body: Line[] = [];
  let status: Line | undefined;
  let tail = false;
  switch (t.phase) {
    case 'prefix':
      body = prose(
        `Try-run works on the live host only. This wizard reads ${state.target.root}, a root prefix: its programs, accounts and files belong to another system (an image, a backup, a container). Running the job here would start this machine's programs as this machine's accounts, which is not what cron on that system would do. To try the job, run \`cronwarden try ${job.id}\` on that system.`,
        width,
      );
      break;
    case 'preparing':
      body = [line(seg('reading how cron would start this job…', 'dim'))];
      break;
    case 'refused':
      body = prose(`cronwarden cannot run this job here: ${t.reason ?? ''}`, width, 'error');
      break;
    case 'confirm':
      body = t.execution ? rows(renderPreview(job, t.execution, TRY_TIMEOUT_MS), width) : [];
      status = line(seg(`type ${TRY_WORD} and enter to run it as ${t.execution?.user ?? '?'} on the LIVE host now: `, 'accent'), seg(`${t.typed}█`));
      break;
    case 'running':
    case 'cancelling':
      body = [
        line(seg(t.phase === 'running' ? `running as ${t.execution?.user ?? '?'} (at most ${TRY_TIMEOUT_MS / 1000}s)… output so far:` : 'stopping the job…', 'accent')),
        ...rows(t.output, width),
      ];
      tail = true;
      break;
    case 'done':
      body = t.result ? rows(renderResultText(job, t.result, callerEnv), width) : [];
      status = t.result ? line(seg(outcomeLine(t.result), t.result.exitCode === 0 && !t.result.signal ? 'ok' : 'error')) : undefined;
      break;
    case 'failed':
      body = prose(`the run failed: ${t.reason ?? ''}`, width, 'error');
      break;
  }
  const height = Math.max(1, bodyHeight(state) - head.length - 1);
  // Live output follows its end; a finished report scrolls from the top.
  const shown = tail ? { lines: [body[0]!, ...body.slice(1).slice(-(height - 1))], offset: t.scroll } : scrolled(body, t.scroll, height);
  useClampedScroll(t.scroll, shown.offset, onScroll);
  return (
    <Frame state={state} title="job · try" keys={KEYS[t.phase]} status={status}>
      <Lines lines={[...head, line(''), ...shown.lines]} width={width} />
    </Frame>
  );
}
