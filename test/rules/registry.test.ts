import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';

const RULES_DIR = fileURLToPath(new URL('../../src/rules/', import.meta.url));
const NOT_RULES = new Set(['rule.ts', 'engine.ts', 'registry.ts', 'helpers.ts']);
const CATALOGUE = readFileSync(fileURLToPath(new URL('../../docs/RULES.md', import.meta.url)), 'utf8');

describe('rule registry', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f));

  it('lists every rule file exactly once, sorted by id, with the id of its file name', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('has exactly the rules of the catalogue in docs/RULES.md, with its practice and default severity', () => {
    const rows = [...CATALOGUE.matchAll(/^\| ([a-z0-9-]+) \| (\d+) \| ([a-z→]+) \|/gm)].map((m) => ({ id: m[1], practice: Number(m[2]), severity: m[3].split('→')[0] }));
    expect(RULES.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const rule of RULES) {
      const row = rows.find((r) => r.id === rule.id);
      expect(row, `${rule.id} is not in docs/RULES.md`).toBeDefined();
      expect({ id: rule.id, practice: rule.practice, severity: rule.severity }).toEqual(row);
    }
  });
});
