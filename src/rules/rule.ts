// The shape of one rule module (one file per rule in src/rules/, listed once in registry.ts).
// Modelled on ESLint's rule meta + create(): a rule says what it is and detects; fixes live in
// src/plan and are looked up by rule id.

import type { Host, Inventory, Job, Severity } from '../core/types.js';
import type { TreeSpec } from '../host/tree-spec.js';

export interface RuleExample {
  /** Host path of the file `text` goes into; default "/etc/cron.d/example" (a system crontab). */
  path?: string;
  text: string;
  /** Other files the example needs on the host (scripts, their modes, passwd lines…). */
  files?: TreeSpec;
  note?: string;
}

export interface RuleDocs {
  /** Why it matters, in two or three plain sentences. */
  rationale: string;
  bad: RuleExample[];
  good: RuleExample[];
  /** Outside identifiers: "CIS Debian 12 2.4.1.2", "Lynis SCHD-7704", "MITRE ATT&CK T1053.003"… */
  references: string[];
  /** What the fix does, or the guidance when there is no automatic fix. */
  remedy: string;
}

/** What a rule reports; the engine turns it into a Finding (severity capping, suppression…). */
export interface FindingDraft {
  job?: Job | null;
  /** Defaults to the job's source. */
  path?: string | null;
  /** Defaults to the job's line. */
  line?: number | null;
  message: string;
  /** Overrides the rule's default when context raises (or lowers) it. */
  severity?: Severity;
  /** Rule-specific facts the fix needs (e.g. the resolved target path). */
  data?: Record<string, unknown>;
  /** Overrides the rule's fixKind for this finding: the same fix can be safe for a service account
   *  and a behaviour change for a person's (issue 5). Only 'auto' or 'suggestion'. */
  fixKind?: 'auto' | 'suggestion';
}

/** Shared, lazily filled per-scan context. Modules memoise their analyses in `cache` under their
 *  own keys (see memo()), so a command is parsed once however many rules look at it. */
export interface RuleContext {
  host: Host;
  inventory: Inventory;
  cache: Map<string, unknown>;
}

export function memo<T>(ctx: RuleContext, key: string, compute: () => T): T {
  const known = ctx.cache.get(key);
  if (known !== undefined || ctx.cache.has(key)) return known as T;
  const value = compute();
  ctx.cache.set(key, value);
  return value;
}

export interface Rule {
  /** kebab-case, stable, never reused: scripts filter and suppress on it. */
  id: string;
  title: string;
  /** The practice (1–12) it serves. */
  practice: number;
  severity: Severity;
  /** auto: `plan` fixes it by default; suggestion: fix changes behaviour, planned only when chosen. */
  fixKind: 'auto' | 'suggestion' | 'none';
  /** Rules that explain why cron ignores a job keep their severity on not-live jobs; the others
   *  are latent there (capped at low). */
  explainsNotLive?: boolean;
  docs: RuleDocs;
  detect(ctx: RuleContext): FindingDraft[];
  /** Why the rule cannot judge this host (e.g. no package database under the root), or null.
   *  The report lists skipped rules with the reason instead of silently finding nothing. */
  skipReason?(ctx: RuleContext): string | null;
}
