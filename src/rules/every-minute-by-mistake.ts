import type { FindingDraft, Rule } from './rule.js';

export const everyMinuteByMistake: Rule = {
  id: 'every-minute-by-mistake',
  title: 'Runs every minute of an hour that was meant once',
  practice: 8,
  severity: 'medium',
  fixKind: 'suggestion',
  docs: {
    rationale:
      '`* 3 * * *` reads like "at three" but runs sixty times, every minute from 03:00 to 03:59. A backup or a report ' +
      'started sixty times overlaps itself, fills disks and hammers remote services.',
    bad: [{ text: '* 3 * * * root /usr/local/bin/backup.sh\n' }, { text: '* 2,14 * * 1-5 root /usr/local/bin/report\n' }],
    good: [
      { text: '0 3 * * * root /usr/local/bin/backup.sh\n' },
      { text: '* * * * * www-data /usr/bin/php /var/www/app/artisan schedule:run\n' },
      { text: '*/5 9-17 * * * root /usr/local/bin/poll\n' },
    ],
    references: ['crontab(5)'],
    remedy: 'Set the minute to 0 (a suggestion: it changes when the job runs, so it is planned only when you accept it).',
  },
  detect(ctx) {
    const drafts: FindingDraft[] = [];
    for (const job of ctx.inventory.jobs) {
      if (job.spec.kind !== 'fields' || job.spec.keyword) continue;
      const [minute, hour] = job.schedule.trim().split(/[ \t]+/);
      if (minute !== '*' || hour === undefined || hour.startsWith('*')) continue;
      const runs = job.spec.hour.length * 60;
      drafts.push({
        job,
        message: `minute ‘*’ with hour ‘${hour}’ runs ${runs} times a day, every minute of ${job.spec.hour.length === 1 ? 'that hour' : 'those hours'}; did you mean minute 0?`,
      });
    }
    return drafts;
  },
};
