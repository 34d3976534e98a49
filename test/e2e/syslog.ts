// A syslog listener on a unix datagram socket (normally /dev/log), where Debian's cron sends
// everything it says, refusals included, and where jobs' `logger` lines go. Node has no unix
// datagram sockets, so a few lines of python3 receive and print one message per line.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const LISTENER = `
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
print("ready", flush=True)
while True:
    data = s.recv(65536)
    print(data.decode("utf-8", "replace").replace("\\n", " ").rstrip(), flush=True)
`;

export function python3(): string | null {
  if (existsSync('/usr/bin/python3')) return '/usr/bin/python3';
  return null;
}

export interface SyslogListener {
  child: ChildProcess;
  /** Every message received so far, in order ("<78>Nov 25 09:30:01 cron[42]: …"). */
  lines: string[];
}

/** Binds `socketPath` (which must not exist) and resolves once the listener is receiving. */
export async function startSyslogListener(socketPath: string): Promise<SyslogListener> {
  const interpreter = python3();
  if (interpreter === null) throw new Error('python3 is not installed (/usr/bin/python3): apt-get install python3');
  const child = spawn(interpreter, ['-c', LISTENER, socketPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (line === 'ready' && lines.length === 0) resolve();
      else lines.push(line);
    });
    child.once('exit', (code) => reject(new Error(`syslog listener on ${socketPath} exited (${code}) before it was ready: ${stderr.trim()}`)));
    setTimeout(() => reject(new Error(`syslog listener on ${socketPath} not ready after 5 s: ${stderr.trim()}`)), 5000);
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, lines };
}
