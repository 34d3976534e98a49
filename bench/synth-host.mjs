// Synthetic hosts for the benchmark: the demo host (src/demo) plus N generated jobs in N/10
// sources — system files in /etc/cron.d and user crontabs in the Debian spool — built from the demo
// host's own job lines, so the risk mix (secrets, curl | sh, /tmp paths, root jobs, bad lines that
// silence a file, a missing final newline) is the demo's. Schedules, users and script paths vary;
// every generated user is in passwd/group with a home, and every varied script exists.

import { parseCrontab } from '../dist/core/crontab.js';
import { demoHostSpec } from '../dist/demo/demo-host.js';

/** Deterministic PRNG (mulberry32): the same N gives the same host in every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const text = (node) => Buffer.from(typeof node === 'string' ? node : (node.content ?? '')).toString('utf8');
const isFile = (node) => node !== undefined && (typeof node === 'string' || node.content !== undefined);

/** Job lines of the demo's crontabs, with the env lines of their file, split by flavour. */
function templates(spec) {
  const system = [];
  const user = [];
  const invalid = [];
  for (const [path, node] of Object.entries(spec)) {
    const kind = path.startsWith('/var/spool/cron/crontabs/') ? 'user' : path === '/etc/crontab' || path.startsWith('/etc/cron.d/') ? 'system' : null;
    if (!kind || !isFile(node) || path.includes('/.')) continue;
    const parsed = parseCrontab(Buffer.from(text(node)), kind);
    const env = parsed.lines.filter((l) => l.kind === 'env').map((l) => l.text.replace(/\r$/, ''));
    for (const line of parsed.lines) {
      if (line.kind === 'invalid') invalid.push(line.text);
      if (line.kind !== 'job') continue;
      const t = { schedule: line.job.schedule, user: line.job.user, raw: line.job.raw.replace(/\r$/, ''), env, crlf: line.text.endsWith('\r') };
      (kind === 'user' ? user : system).push(t);
    }
  }
  return { system, user, invalid };
}

/** A plausible variant of a five-field schedule: fixed minutes and hours move, steps stay. */
function varySchedule(schedule, rnd) {
  if (schedule.startsWith('@')) return schedule;
  const f = schedule.split(/\s+/);
  if (/^\d+$/.test(f[0])) f[0] = String(Math.floor(rnd() * 60));
  if (/^\d+$/.test(f[1])) f[1] = String(Math.floor(rnd() * 24));
  return f.join(' ');
}

const SCRIPT = /(\/(?:usr\/local|opt|home)\/[A-Za-z0-9_./-]+)/g;

/**
 * The demo host plus `jobs` generated jobs. Returns the TreeSpec and what it holds.
 * About 30% of sources are user crontabs (one per generated user), the rest cron.d files.
 * `broken: false` leaves out the garbage lines and missing final newlines.
 */
export function syntheticHostSpec(jobs, seed = 1, { broken = true } = {}) {
  const spec = demoHostSpec();
  const rnd = random(seed + jobs);
  const pools = templates(spec);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const sources = Math.max(1, Math.round(jobs / 10));
  const userSources = Math.round(sources * 0.3);
  const variants = Math.max(1, Math.round(sources / 20));
  const passwd = [text(spec['/etc/passwd']).trimEnd()];
  const group = [text(spec['/etc/group']).trimEnd()];
  const scripts = new Set();

  // A script the job runs gets a per-variant copy (same content, owner and mode), so paths vary
  // the way a fleet of apps does while missing-target still fires only where the demo plants it.
  const varyPaths = (raw) =>
    raw.replace(SCRIPT, (path) => {
      const node = spec[path];
      if (!isFile(node)) return path;
      const v = Math.floor(rnd() * variants);
      const copy = path.replace(/(\.[a-z]+)?$/, (ext) => `-${v}${ext}`);
      if (!scripts.has(copy)) {
        scripts.add(copy);
        spec[copy] = typeof node === 'string' ? { content: node } : { ...node, hardLinks: undefined };
      }
      return copy;
    });

  let left = jobs;
  let lines = 0;
  for (let s = 0; s < sources; s++) {
    const count = s === sources - 1 ? left : Math.min(left, 6 + Math.floor(rnd() * 9));
    left -= count;
    const asUser = s < userSources;
    const name = asUser ? `u${String(s).padStart(5, '0')}` : null;
    const uid = 5000 + s;
    if (name) {
      passwd.push(`${name}:x:${uid}:${uid}:synthetic user:/home/${name}:/bin/bash`);
      group.push(`${name}:x:${uid}:`);
      spec[`/home/${name}`] = { type: 'dir', mode: 0o750, uid, gid: uid };
    }
    const pool = asUser ? pools.user : pools.system;
    const first = pick(pool);
    const out = [`# synthetic source ${s}`, ...first.env];
    for (let j = 0; j < count; j++) {
      const t = j === 0 ? first : pick(pool);
      const who = asUser ? '' : `${rnd() < 0.1 ? `u${String(Math.floor(rnd() * Math.max(1, userSources))).padStart(5, '0')}` : t.user}\t`;
      out.push(`${varySchedule(t.schedule, rnd)}\t${who}${varyPaths(t.raw)}${t.crlf ? '\r' : ''}`);
    }
    // The demo's share of files cron ignores: a garbage line (whole file silenced), no final newline.
    const r = broken ? rnd() : 0.5;
    if (r < 0.02) out.splice(1 + Math.floor(rnd() * (out.length - 1)), 0, pick(pools.invalid));
    let body = `${out.join('\n')}\n`;
    if (r > 0.99) body = body.slice(0, -1);
    lines += out.length;
    if (name) spec[`/var/spool/cron/crontabs/${name}`] = { content: body, mode: 0o600, uid, gid: 104 };
    else spec[`/etc/cron.d/app-${String(s).padStart(5, '0')}`] = { content: body, mode: 0o644 };
  }
  spec['/etc/passwd'] = { ...(typeof spec['/etc/passwd'] === 'string' ? {} : spec['/etc/passwd']), content: `${passwd.join('\n')}\n` };
  spec['/etc/group'] = { ...(typeof spec['/etc/group'] === 'string' ? {} : spec['/etc/group']), content: `${group.join('\n')}\n` };
  return { spec, generatedJobs: jobs, generatedSources: sources, generatedLines: lines, scripts: scripts.size, users: userSources };
}
