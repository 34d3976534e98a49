// A plan's operations carried out on a TreeSpec, so the pure core's promises (a fixed finding does
// not come back, a rewritten crontab parses) can be checked over many plans without a disk. The
// real writer (src/apply) is exercised on temp roots by its own tests and by plan-apply.test.ts.

import type { Plan } from '../../../src/core/operations.js';
import { parseGroup, parsePasswd } from '../../../src/host/passwd.js';
import type { TreeNode, TreeSpec } from '../../../src/host/tree-spec.js';
import { decodeContent } from '../../../src/plan/host-state.js';

const text = (node: string | TreeNode | undefined): string =>
  node === undefined ? '' : typeof node === 'string' ? node : typeof node.content === 'string' ? node.content : new TextDecoder().decode(node.content ?? new Uint8Array());

export function applyToSpec(input: TreeSpec, plan: Plan): TreeSpec {
  const spec: TreeSpec = {};
  for (const [path, node] of Object.entries(input)) spec[path] = typeof node === 'string' ? node : { ...node };
  const uid = (name: string): number => {
    const found = parsePasswd(text(spec['/etc/passwd'])).find((u) => u.name === name);
    if (!found) throw new Error(`plan names user ${name}, which does not exist at that point`);
    return found.uid;
  };
  const gid = (name: string): number => {
    const found = parseGroup(text(spec['/etc/group'])).find((g) => g.name === name);
    if (!found) throw new Error(`plan names group ${name}, which does not exist at that point`);
    return found.gid;
  };
  const node = (path: string): TreeNode => {
    const existing = spec[path];
    const n: TreeNode = existing === undefined ? { type: 'dir' } : typeof existing === 'string' ? { content: existing } : existing;
    spec[path] = n;
    return n;
  };
  const append = (path: string, line: string): void => {
    const current = text(spec[path]);
    spec[path] = { ...(typeof spec[path] === 'object' ? (spec[path] as TreeNode) : {}), content: `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}${line}\n` };
  };
  for (const op of plan.operations) {
    switch (op.op) {
      case 'create-user': {
        const taken = new Set([...parsePasswd(text(spec['/etc/passwd'])).map((u) => u.uid), ...parseGroup(text(spec['/etc/group'])).map((g) => g.gid)]);
        let id = 100;
        while (taken.has(id)) id++;
        append('/etc/group', `${op.group}:x:${id}:`);
        append('/etc/passwd', `${op.name}:x:${id}:${id}::${op.home}:${op.shell}`);
        append('/etc/shadow', `${op.name}:!:19700::::::`);
        break;
      }
      case 'set-shell': {
        const passwd = text(spec['/etc/passwd']).replace(new RegExp(`^(${op.user}:(?:[^:\\n]*:){5})[^:\\n]*$`, 'm'), `$1${op.shell}`);
        spec['/etc/passwd'] = { ...node('/etc/passwd'), content: passwd };
        if (op.lockPassword) {
          const shadow = text(spec['/etc/shadow']).replace(new RegExp(`^${op.user}:(?![!*])`, 'm'), `${op.user}:!`);
          spec['/etc/shadow'] = { ...node('/etc/shadow'), content: shadow };
        }
        break;
      }
      case 'add-to-group':
        throw new Error('the planner makes no add-to-group operations');
      case 'write-file':
        spec[op.path] = { content: decodeContent(op.content, op.encoding), mode: op.mode, uid: uid(op.owner), gid: gid(op.group) };
        break;
      case 'install-user-crontab':
        spec[op.path] = { content: decodeContent(op.content, op.encoding), mode: 0o600, uid: uid(op.user), gid: gid('crontab') };
        break;
      case 'remove-file':
        delete spec[op.path];
        for (const n of Object.values(spec)) if (typeof n === 'object' && n.hardLinks) n.hardLinks = n.hardLinks.filter((p) => p !== op.path);
        break;
      case 'chmod':
        node(op.path).mode = op.mode;
        break;
      case 'chown':
        Object.assign(node(op.path), { uid: uid(op.owner), gid: gid(op.group) });
        break;
      case 'mkdir':
        spec[op.path] = { type: 'dir', mode: op.mode, uid: uid(op.owner), gid: gid(op.group) };
        break;
    }
  }
  return spec;
}
