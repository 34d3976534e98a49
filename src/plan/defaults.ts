// Defaults the CLI shows in its help before it loads the planner (start-up stays light).

/** Prefix of the dedicated users root-job creates (`cw-backup` for backup.sh). */
export const DEFAULT_USER_PREFIX = 'cw-';
