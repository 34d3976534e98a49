// The exact set of (rule, job or path:line, severity) findings on the demo host, as a golden file
// reviewed by reading it (snapshots/scan-demo-findings.txt). Any change to a rule that adds, drops
// or re-rates a finding on the demo host shows up here as a diff to look at.

import { describe, expect, it } from 'vitest';
import { demoHostSpec } from '../../src/demo/demo-host.js';
import { memoryHost } from '../../src/host/memory-host.js';
import { scan } from '../../src/scan.js';

describe('demo host findings', () => {
  it('are exactly the reviewed set', async () => {
    const result = scan(memoryHost(demoHostSpec()));
    const rows = result.findings.map(
      (f) =>
        `${f.rule.padEnd(26)} ${f.severity.padEnd(8)} ${(f.job ?? `${f.path ?? 'host'}${f.line ? `:${f.line}` : ''}`).padEnd(44)}` +
        `${f.fixable ? ' fixable' : f.suggestion ? ' suggestion' : ''}${f.latent ? ' latent' : ''}`,
    );
    const text = `${rows.join('\n')}\n\n${result.findings.length} findings, ${result.suppressed} suppressed\n`;
    await expect(text).toMatchFileSnapshot('../../snapshots/scan-demo-findings.txt');
  });
});
