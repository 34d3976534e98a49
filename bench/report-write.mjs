// The floor of a JSON report: the time to serialise and write a report that already exists as
// objects, in the scan's own layout (one array element per line, written in chunks), to a file.
// A scan cannot write its report faster than this whatever its analysis costs; on a 100k-job host
// the report is ~190 MB. Reading and parsing the input report is not timed.
// Usage: node bench/report-write.mjs REPORT.json OUT → prints {"ms": …, "bytes": …} on stdout.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [input, output] = process.argv.slice(2);
const report = JSON.parse(readFileSync(input, 'utf8'));
const start = performance.now();
const fd = openSync(output, 'w');
let bytes = 0;
let buffer = '';
const flush = (force) => {
  if (!force && buffer.length < 1 << 16) return;
  bytes += writeSync(fd, buffer);
  buffer = '';
};
const { sources, jobs, findings, ...head } = report;
buffer = `${JSON.stringify(head, null, 2).slice(0, -2)},\n`;
for (const [name, items] of [['sources', sources], ['jobs', jobs], ['findings', findings]]) {
  buffer += `  "${name}": [`;
  items.forEach((item, i) => {
    buffer += `${i ? ',' : ''}\n    ${JSON.stringify(item)}`;
    flush(false);
  });
  buffer += `${items.length ? '\n  ' : ''}]${name === 'findings' ? '' : ','}\n`;
}
buffer += '}\n';
flush(true);
closeSync(fd);
const ms = performance.now() - start;
rmSync(output);
process.stdout.write(`${JSON.stringify({ ms, bytes })}\n`);
