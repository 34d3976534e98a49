// "Works in my shell, fails in cron": the difference between the caller's environment and the
// one cron gives the job. PATH comes first — a command found through the caller's PATH but not
// through cron's /usr/bin:/bin is the most common cause.

export interface PathDifference {
  yours: string | null;
  cron: string | null;
  /** Directories on your PATH that cron's PATH lacks, in your order. */
  missingInCron: string[];
}

export interface EnvDiff {
  /** null when both PATHs are the same. */
  path: PathDifference | null;
  /** Variables you have that the job will not (names only: values may be secrets). */
  onlyYours: string[];
  /** Variables only cron sets. */
  onlyCron: { name: string; value: string }[];
  /** Set by both, to different values (PATH excluded: see `path`). */
  different: { name: string; yours: string; cron: string }[];
}

/** Variables every shell maintains for itself (the job's shell sets its own PWD, SHLVL, _): not a
 *  difference worth reporting. */
const SHELL_MAINTAINED = new Set(['PWD', 'OLDPWD', 'SHLVL', '_']);

export function envDiff(yours: Readonly<Record<string, string | undefined>>, cron: Readonly<Record<string, string>>): EnvDiff {
  const mine = Object.entries(yours).filter((e): e is [string, string] => e[1] !== undefined);
  const mineMap = new Map(mine);
  const yourPath = mineMap.get('PATH') ?? null;
  const cronPath = cron.PATH ?? null;
  const cronDirs = new Set((cronPath ?? '').split(':'));
  const path =
    yourPath === cronPath
      ? null
      : { yours: yourPath, cron: cronPath, missingInCron: (yourPath ?? '').split(':').filter((d, i, all) => d !== '' && !cronDirs.has(d) && all.indexOf(d) === i) };
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    path,
    onlyYours: mine
      .map(([name]) => name)
      .filter((name) => name !== 'PATH' && !SHELL_MAINTAINED.has(name) && !(name in cron))
      .sort(byName),
    onlyCron: Object.keys(cron)
      .filter((name) => name !== 'PATH' && !mineMap.has(name))
      .sort(byName)
      .map((name) => ({ name, value: cron[name]! })),
    different: Object.keys(cron)
      .filter((name) => name !== 'PATH' && mineMap.has(name) && mineMap.get(name) !== cron[name])
      .sort(byName)
      .map((name) => ({ name, yours: mineMap.get(name)!, cron: cron[name]! })),
  };
}
