// How an operation reads in review (`plan`, `apply --dry-run`, the wizard): a file change is a
// unified diff against what is on the host now, anything else one line. Pure: reads through Host.

import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Operation } from '../core/operations.js';
import type { Host } from '../core/types.js';
import { decodeContent, groupName, octal, userName } from './host-state.js';
import { showControls } from '../core/visible.js';

export interface RenderOptions {
  /** ANSI colours (red removals, green additions, cyan hunk headers). */
  color?: boolean;
}

export function renderOperation(op: Operation, host: Host, options: RenderOptions = {}): string {
  switch (op.op) {
    case 'write-file':
    case 'install-user-crontab': {
      const after = textOf(decodeContent(op.content, op.encoding));
      const before = op.before.exists ? currentText(host, op.path) : null;
      const attrs = op.op === 'write-file' ? ` (${octal(op.mode)} ${op.owner}:${op.group})` : ` (crontab -u ${op.user})`;
      const head = `# ${op.before.exists ? 'change' : 'create'} ${op.path}${attrs}: ${op.why}\n`;
      return head + (before === after ? '(content unchanged)\n' : colorize(unified(op.path, before, after), options));
    }
    case 'remove-file': {
      const before = currentText(host, op.path);
      return `# remove ${op.path}: ${op.why}\n` + colorize(unified(op.path, before, null), options);
    }
    case 'chmod':
      return `chmod ${octal(op.mode)} ${op.path}${op.before.exists ? ` (now ${octal(op.before.mode)})` : ''}: ${op.why}\n`;
    case 'chown':
      return `chown ${op.owner}:${op.group} ${op.path}${op.before.exists ? ` (now ${owners(host, op.before.uid, op.before.gid)})` : ''}: ${op.why}\n`;
    case 'mkdir':
      return `mkdir ${op.path} (${octal(op.mode)} ${op.owner}:${op.group}): ${op.why}\n`;
    case 'create-user':
      return `create system user ${op.name} (group ${op.group}, home ${op.home}, shell ${op.shell}, password locked): ${op.why}\n`;
    case 'add-to-group':
      return `add user ${op.user} to group ${op.group}: ${op.why}\n`;
    case 'set-shell':
      return `set the shell of ${op.user} to ${op.shell}${op.lockPassword ? ' and lock its password' : ''}: ${op.why}\n`;
  }
}

export function renderOperations(ops: readonly Operation[], host: Host, options: RenderOptions = {}): string {
  return ops.map((op) => renderOperation(op, host, options)).join('');
}

function owners(host: Host, uid: number, gid: number): string {
  return `${userName(host, uid) ?? uid}:${groupName(host, gid) ?? gid}`;
}

function currentText(host: Host, path: string): string {
  return textOf(host.readFile(path));
}

/** Crontabs that are not valid UTF-8 are shown byte for byte as latin1, as the parser reads them. */
function textOf(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

function unified(path: string, before: string | null, after: string | null): string {
  const rel = path.replace(/^\/+/, '');
  const patch = createTwoFilesPatch(before === null ? '/dev/null' : `a/${rel}`, after === null ? '/dev/null' : `b/${rel}`, before ?? '', after ?? '', undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  });
  // A carriage return or a bidi override in a reviewed diff would hide text exactly as it hides it
  // in the crontab (the attack hidden-characters is about): show them as ^M and <U+202E>.
  return showControls(patch.endsWith('\n') ? patch : `${patch}\n`);
}

function colorize(patch: string, options: RenderOptions): string {
  if (!options.color) return patch;
  return patch
    .split('\n')
    .map((line) =>
      line.startsWith('+++') || line.startsWith('---')
        ? `\u001b[1m${line}\u001b[0m`
        : line.startsWith('+')
          ? `\u001b[32m${line}\u001b[0m`
          : line.startsWith('-')
            ? `\u001b[31m${line}\u001b[0m`
            : line.startsWith('@@')
              ? `\u001b[36m${line}\u001b[0m`
              : line,
    )
    .join('\n');
}
