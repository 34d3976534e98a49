// The variables PAM adds to a cron job's environment. Debian's cron is built with USE_PAM: in the
// job's process it calls pam_start("cron", user), pam_setcred, pam_open_session, then builds the
// environment from pam_getenvlist() with the crontab's variables set over it (do_command.c
// build_env). Debian 12's /etc/pam.d/cron runs pam_env twice: once with the defaults
// (/etc/security/pam_env.conf, then /etc/environment) and once with envfile=/etc/default/locale —
// so LANG from /etc/default/locale reaches every job although no crontab sets it.
// What is reproduced: the env files (readenv, envfile=), parsed as pam_env 1.5.2 does
// (_parse_env_file). What is not, and is reported instead: rules in pam_env.conf (DEFAULT/OVERRIDE
// with ${VAR}/@{ITEM} expansion), ~/.pam_environment (user_readenv=1), and other modules' effects
// (pam_limits resource limits, pam_loginuid).

import type { Host } from '../core/types.js';

export interface PamEnvResult {
  /** Variables in the order PAM set them (later files override earlier ones). */
  env: Record<string, string>;
  /** Files read, in order. */
  files: string[];
  /** What could not be reproduced, for the user to check by hand. */
  notReproduced: string[];
}

const PAM_DIR = '/etc/pam.d';
const DEFAULT_ENVFILE = '/etc/environment';
const DEFAULT_CONFFILE = '/etc/security/pam_env.conf';
const MAX_INCLUDE_DEPTH = 8;
const decoder = new TextDecoder();

function readText(host: Host, path: string): string | null {
  try {
    return decoder.decode(host.readFile(path));
  } catch {
    return null;
  }
}

/** Lines the way pam_env's _assemble_line gives them: blank and comment lines skipped, text cut at
 *  the first '#', a trailing backslash joining the next non-blank line (a continuation still open
 *  at the end of the file is dropped, as pam_env's incomplete read is). */
export function assembleLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.replace(/^[ \t]+/, '').length;
    const rest = raw.slice(lead);
    if (rest === '' || rest.startsWith('#')) continue;
    const hash = rest.indexOf('#');
    if (hash >= 0) {
      out.push(pending + raw.slice(0, lead + hash));
      pending = '';
      continue;
    }
    const trimmed = raw.replace(/[ \t]+$/, '');
    if (trimmed.endsWith('\\')) {
      pending += trimmed.slice(0, -1);
      continue;
    }
    out.push(pending + raw);
    pending = '';
  }
  return out;
}

/** Applies one env file to `env` as pam_env's _parse_env_file does: optional `export `, a name of
 *  [A-Za-z0-9_], the value to the end of the line (trailing blanks kept), one pair of surrounding
 *  quotes dropped; a bare NAME unsets it. */
export function applyEnvFile(env: Record<string, string>, text: string): void {
  for (const line of assembleLines(text)) {
    let key = line.replace(/^[ \n\t]+/, '');
    if (key.startsWith('export ')) key = key.slice(7);
    const eq = key.indexOf('=');
    const name = eq < 0 ? key : key.slice(0, eq);
    if (name === '' || !/^[A-Za-z0-9_]+$/.test(name)) continue;
    if (eq < 0) {
      delete env[name];
      continue;
    }
    let value = key.slice(eq + 1);
    // pam_env drops every quote character except one that is not last, after an opening quote.
    if (value.startsWith('"') || value.startsWith("'")) {
      const rest = value.slice(1);
      let kept = '';
      for (let i = 0; i < rest.length; i++) {
        const ch = rest[i]!;
        if ((ch !== '"' && ch !== "'") || i + 1 < rest.length) kept += ch;
      }
      value = kept;
    }
    delete env[name];
    env[name] = value;
  }
}

interface PamModuleLine {
  type: string;
  module: string;
  args: string[];
}

/** Tokens of a PAM config line; a bracketed control `[a=b c=d]` is one token. */
function tokens(line: string): string[] {
  const out: string[] = [];
  const re = /\[[^\]]*\]|\S+/g;
  for (const m of line.matchAll(re)) out.push(m[0]);
  return out;
}

/** The module lines of a PAM service, with @include and include/substack controls followed. */
function moduleLines(host: Host, name: string, depth: number, notes: string[]): PamModuleLine[] {
  const file = name.startsWith('/') ? name : `${PAM_DIR}/${name}`;
  if (depth > MAX_INCLUDE_DEPTH) {
    notes.push(`${file}: PAM includes nest deeper than ${MAX_INCLUDE_DEPTH}; not followed`);
    return [];
  }
  const text = readText(host, file);
  if (text === null) {
    notes.push(`${file} could not be read: PAM variables it may set are not reproduced`);
    return [];
  }
  const out: PamModuleLine[] = [];
  for (const raw of assembleLines(text)) {
    const words = tokens(raw);
    if (words[0] === '@include') {
      if (words[1]) out.push(...moduleLines(host, words[1], depth + 1, notes));
      continue;
    }
    const [dashedType, control, module, ...args] = words;
    if (!dashedType || !control || !module) continue;
    // A leading '-' only silences a missing module.
    const type = dashedType.replace(/^-/, '');
    if (control === 'include' || control === 'substack') {
      out.push(...moduleLines(host, module, depth + 1, notes).filter((l) => l.type === type));
      continue;
    }
    out.push({ type, module, args });
  }
  return out;
}

/** The environment PAM gives a cron job on this host. */
export function pamEnv(host: Host): PamEnvResult {
  const notReproduced: string[] = [];
  // Without a service file of its own, PAM uses 'other'.
  const service = host.lstat(`${PAM_DIR}/cron`) ? `${PAM_DIR}/cron` : `${PAM_DIR}/other`;
  const lines = moduleLines(host, service, 0, notReproduced);
  const env: Record<string, string> = {};
  const files: string[] = [];
  // cron calls pam_setcred (the auth stack) before pam_open_session (the session stack).
  const ordered = [...lines.filter((l) => l.type === 'auth'), ...lines.filter((l) => l.type === 'session')];
  for (const line of ordered) {
    if (line.module.slice(line.module.lastIndexOf('/') + 1) !== 'pam_env.so') continue;
    let envfile = DEFAULT_ENVFILE;
    let conffile = DEFAULT_CONFFILE;
    let readenv = true;
    for (const arg of line.args) {
      if (arg.startsWith('envfile=') && arg.length > 8) envfile = arg.slice(8);
      else if (arg.startsWith('conffile=') && arg.length > 9) conffile = arg.slice(9);
      else if (arg.startsWith('readenv=')) readenv = Number.parseInt(arg.slice(8), 10) !== 0;
      else if (arg.startsWith('user_readenv=') && Number.parseInt(arg.slice(13), 10) !== 0) {
        notReproduced.push(`${service}: pam_env reads each user's ~/.pam_environment (user_readenv=1)`);
      }
    }
    const rules = readText(host, conffile);
    if (rules !== null) {
      const names = assembleLines(rules).map((l) => l.trim().split(/[ \t]/)[0]!);
      if (names.length) notReproduced.push(`${conffile} sets ${names.join(', ')} (DEFAULT/OVERRIDE rules are not evaluated here)`);
    }
    if (!readenv) continue;
    const text = readText(host, envfile);
    if (text === null) continue;
    applyEnvFile(env, text);
    files.push(envfile);
  }
  return { env, files, notReproduced };
}
