// Just enough of apt.conf(5) to read APT::Periodic settings as apt itself would: every file in
// /etc/apt/apt.conf.d in lexical order (later ones win), both `A::B "v";` and nested `A { B "v"; };`
// forms, //, # and /* */ comments. Names apt ignores (apt-pkg/contrib/fileutl.cc,
// Dir::Ignore-Files-Silently) are skipped the same way.

import type { Host } from '../types.js';

const CONF_DIR = '/etc/apt/apt.conf.d';
const IGNORED = [/~$/, /\.disabled$/, /\.bak$/, /\.dpkg-[a-z]+$/, /\.ucf-[a-z]+$/, /\.save$/, /\.orig$/, /\.distUpgrade$/];
const VALID_NAME = /^[A-Za-z0-9_.-]+$/;

export interface AptSetting {
  value: string;
  /** Host path of the file that set it last. */
  file: string;
}

export function readAptConfig(host: Host): Map<string, AptSetting> {
  const settings = new Map<string, AptSetting>();
  let names: string[] = [];
  try {
    names = host.readdir(CONF_DIR);
  } catch {
    return settings;
  }
  const decoder = new TextDecoder();
  for (const name of names) {
    if (!VALID_NAME.test(name) || IGNORED.some((re) => re.test(name))) continue;
    const file = `${CONF_DIR}/${name}`;
    if (host.stat(file)?.type !== 'file') continue;
    let text: string;
    try {
      text = decoder.decode(host.readFile(file));
    } catch {
      continue;
    }
    for (const [key, value] of parseAptConf(text)) settings.set(key.toLowerCase(), { value, file });
  }
  return settings;
}

/** Key/value pairs in file order; keys in full `A::B::C` form. */
export function parseAptConf(text: string): Array<[string, string]> {
  const tokens = tokenize(text);
  const out: Array<[string, string]> = [];
  const scope: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token === '}') {
      scope.pop();
      i++;
      if (tokens[i] === ';') i++;
      continue;
    }
    if (token === ';') {
      i++;
      continue;
    }
    const next = tokens[i + 1];
    if (next === '{') {
      scope.push(token);
      i += 2;
    } else if (next !== undefined && next.startsWith('"')) {
      out.push([[...scope, token].join('::'), next.slice(1, -1)]);
      i += 2;
    } else {
      i++;
    }
  }
  return out;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|#[^\n]*|"[^"]*"|[{};]|[^\s{};"]+/g;
  for (const match of text.matchAll(re)) {
    const t = match[0];
    if (t.startsWith('/*') || t.startsWith('//') || t.startsWith('#')) continue;
    tokens.push(t);
  }
  return tokens;
}
