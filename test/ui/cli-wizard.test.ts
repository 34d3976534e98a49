// The default command as users meet it: without a terminal it says which commands to use and exits
// 2; its flags do not swallow a subcommand's; and the other commands never load ink.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'cronwarden-cli-wizard-'));
// The smallest tree `scan --root` accepts as a host.
mkdirSync(join(work, 'etc'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does it first)`);
});

describe('cronwarden with no command', () => {
  it('refuses without a terminal, naming scan, plan and apply, with exit 2', () => {
    for (const args of [[], ['--demo'], ['--root', work]]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('the interactive wizard needs a terminal');
      expect(r.stderr).toMatch(/cronwarden scan.*cronwarden plan.*cronwarden apply/s);
    }
  });

  it('does not take a subcommand’s --root, and refuses the wizard’s flags before a subcommand', () => {
    const before = runCli(['--root', work, 'scan']);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain('put them after the command: cronwarden scan --root DIR');
    const after = runCli(['scan', '--root', work, '--format', 'json']);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).root).toBe(work);
  });

  it('lets scan and the other commands run without loading ink', () => {
    const log = join(work, 'loaded.txt');
    const hooks = join(work, 'hooks.mjs');
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
    const register = join(work, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, 'scan', '--root', work], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = readFileSync(log, 'utf8');
    expect(loaded).not.toMatch(/node_modules\/(ink|react)\//);
    // dist/cli.js is a bundle (npm run build): ink and React sit in a chunk of it, so look inside
    // every file the scan loaded for their code rather than at their file names.
    const files = loaded.split('\n').filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
    expect(files).toContain(CLI);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/createNode\(["']ink-root["']\)|["']react\.transitional\.element["']/);
  });
});
