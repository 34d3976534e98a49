import { singleUserConcentration } from '../../src/rules/single-user-concentration.js';
import { DEBIAN_ETC_CRONTAB } from '../helpers/debian-base.js';
import { testRule } from '../helpers/rule-tester.js';

const jobs = (...users: string[]) => users.map((u, i) => `0 ${i} * * * ${u} /usr/bin/true ${i}\n`).join('');

testRule(singleUserConcentration, {
  invalid: [
    { name: 'all four as root', text: jobs('root', 'root', 'root', 'root'), errors: [{ path: null, line: null, severity: 'medium', message: '4 of 4 live jobs (100 %) run as root' }] },
    { name: '4 of 5 is 80 %', text: jobs('root', 'root', 'www-data', 'root', 'root'), errors: [{ message: '4 of 5' }] },
    { name: 'any user, not only root', text: jobs('www-data', 'www-data', 'www-data', 'www-data'), errors: [{ message: 'www-data' }] },
    {
      name: 'stock run-parts lines do not dilute the count',
      path: '/etc/crontab',
      text: `${DEBIAN_ETC_CRONTAB}${jobs('root', 'root', 'root', 'root')}`,
      errors: [{ message: '4 of 4' }],
    },
  ],
  valid: [
    { name: 'fewer than four jobs', text: jobs('root', 'root', 'root') },
    { name: '3 of 4 is exactly 75 %', text: jobs('root', 'root', 'root', 'www-data') },
    { name: 'spread out', text: jobs('root', 'backup', 'www-data', 'postgres', 'root') },
    { name: 'stock /etc/crontab alone', path: '/etc/crontab', text: DEBIAN_ETC_CRONTAB },
    { name: 'jobs cron ignores do not count', text: `${jobs('root', 'root', 'root', 'root')}61 * * * * root /usr/bin/true\n` },
  ],
});
