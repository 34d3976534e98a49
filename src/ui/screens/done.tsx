// Done: what changed, the backup id and the exact command that undoes it, then where to go next.

import { Box } from 'ink';
import SelectInput from 'ink-select-input';
import { Frame, bodyHeight } from '../components/frame.js';
import { Lines } from '../components/lines.js';
import type { WizardState } from '../state.js';
import { line, seg, type Line } from '../text.js';

export type DoneChoice = 'overview' | 'backups' | 'quit';

const CHOICES: { label: string; value: DoneChoice }[] = [
  { label: 'Scan again and go back to the overview', value: 'overview' },
  { label: 'Backups: preview and roll back this apply', value: 'backups' },
  { label: 'Quit', value: 'quit' },
];

export function rollbackCommand(state: WizardState): string {
  const root = state.target.kind === 'live' ? '' : ` --root ${state.target.root}`;
  return `cronwarden rollback ${state.apply.backupId ?? ''}${root}`;
}

export function DoneScreen({ state, onChoose }: { state: WizardState; onChoose: (choice: DoneChoice) => void }) {
  const width = state.size.columns;
  const steps = state.apply.steps;
  const head: Line[] = [
    line(seg(`Done: ${steps.length} change${steps.length === 1 ? '' : 's'} applied to ${state.target.root}`, 'ok')),
    line(seg('backup  '), seg(state.apply.backupId ?? '', 'title')),
    line(seg('undo    '), seg(rollbackCommand(state), 'accent'), seg('  (or choose Backups below)', 'dim')),
    line(''),
  ];
  const room = Math.max(1, bodyHeight(state) - head.length - CHOICES.length - 1);
  const changed = steps.slice(0, room).map((s) => line(seg(' ✓ ', 'ok'), seg(s.label)));
  if (steps.length > room) changed[room - 1] = line(seg(`   … and ${steps.length - room + 1} more (see the backup's manifest)`, 'dim'));
  return (
    <Frame state={state} title="done" keys="↑↓ choose  ⏎ go  b backups  q quit">
      <Lines lines={[...head, ...changed, line('')]} width={width} />
      <Box>
        <SelectInput items={CHOICES} onSelect={(item) => onChoose(item.value)} isFocused={!state.help} />
      </Box>
    </Frame>
  );
}
