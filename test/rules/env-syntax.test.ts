import { envSyntax } from '../../src/rules/env-syntax.js';
import { testRule } from '../helpers/rule-tester.js';

const JOB = '0 3 * * * root /usr/bin/true\n';

testRule(envSyntax, {
  invalid: [
    { text: `PATH=$PATH:/opt/bin\n${JOB}`, errors: [{ line: 1, message: 'not expand' }] },
    { text: `MAILTO=ops@example.com # team\n${JOB}`, errors: [{ line: 1, message: 'comment' }] },
    { text: `HOME=~/work\n${JOB}`, errors: [{ line: 1, message: '~' }] },
    { text: `FOO = bar\n${JOB}`, errors: [{ line: 1, message: 'spaces' }] },
    { text: `STAMP=$(date)\n${JOB}`, errors: [{ line: 1 }] },
  ],
  valid: [
    { text: `PATH=/usr/local/bin:/usr/bin:/bin\n${JOB}` },
    { text: `MAILTO="ops@example.com"\n${JOB}` },
    { text: `MAILTO=""\n${JOB}` },
    { text: `SHELL=/bin/bash\nCRON_TZ=Europe/Paris\n${JOB}` },
    { text: `${JOB.trimEnd()} # \$HOME in a command is fine\n`, name: 'a job line is not an env line' },
  ],
});
