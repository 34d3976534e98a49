// The floor any scanner pays: lstat and read every file cron would load from the host under ROOT
// (the account files, /etc/crontab, cron.d, run-parts dirs, anacrontab, access files, the spool),
// with nothing parsed. Prints the file count, bytes and lines on stdout as JSON.
// Usage: node bench/raw-read.mjs ROOT

import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const files = ['/etc/passwd', '/etc/group', '/etc/crontab', '/etc/anacrontab', '/etc/cron.allow', '/etc/cron.deny'];
for (const dir of ['/etc/cron.d', '/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly', '/var/spool/cron/crontabs', '/var/spool/cron']) {
  let names = [];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    continue;
  }
  for (const name of names) files.push(`${dir}/${name}`);
}
let count = 0;
let bytes = 0;
let lines = 0;
for (const path of files) {
  const info = lstatSync(join(root, path), { throwIfNoEntry: false });
  if (!info?.isFile()) continue;
  const data = readFileSync(join(root, path));
  count++;
  bytes += data.length;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) lines++;
}
process.stdout.write(`${JSON.stringify({ files: count, bytes, lines })}\n`);
