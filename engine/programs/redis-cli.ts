import { tcpOpen } from '../apps/tcp';
import { containerOf, nsOf, type Program } from '../shell/types';
import { missingOnHost } from './place';
import { resolveHost } from './resolve';

/**
 * redis-cli (the redis image): sends one command as a RESP array and prints the reply the way
 * redis-cli does when its output is not a terminal (raw), or in its interactive prompt with -it.
 */

function encode(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;
}

/** One RESP reply as redis-cli prints it: raw when piped, typed ("(integer) 1", quotes) at a terminal. */
function show(reply: string, tty: boolean): string {
  const lines = reply.split('\r\n');
  const first = lines[0] ?? '';
  const type = first[0];
  const rest = first.slice(1);
  switch (type) {
    case '+':
      return `${rest}\n`;
    case '-':
      return tty ? `(error) ${rest}\n` : `${rest}\n`;
    case ':':
      return tty ? `(integer) ${rest}\n` : `${rest}\n`;
    case '$':
      if (rest === '-1') return tty ? '(nil)\n' : '\n';
      return tty ? `"${lines[1] ?? ''}"\n` : `${lines[1] ?? ''}\n`;
    case '*': {
      const items = lines.slice(1).filter((_, i) => i % 2 === 1);
      if (items.length === 0) return tty ? '(empty array)\n' : '';
      return items.map((v, i) => (tty ? `${i + 1}) "${v}"\n` : `${v}\n`)).join('');
    }
    default:
      return reply;
  }
}

export const redisCli: Program = async (p) => {
  const missing = missingOnHost(p);
  if (missing !== null) return missing;
  const args = p.argv.slice(1);
  let host = '127.0.0.1';
  let port = 6379;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-h') host = args[++i] ?? host;
    else if (a === '-p') {
      const v = args[++i] ?? '';
      if (!/^\d+$/.test(v) || Number(v) > 65535) {
        p.err(`Unrecognized option or bad number of args for: '-p'\n`);
        return 1;
      }
      port = Number(v);
    }
    else if (a === '--version' || a === '-v') {
      p.out('redis-cli 8.4.0\n');
      return 0;
    } else words.push(a);
  }
  const r = resolveHost(p, host);
  const ns = nsOf(p);
  const fail = (why: string) => {
    p.err(`Could not connect to Redis at ${host}:${port}: ${why}\n`);
    return 1;
  };
  if (!r.ok) return fail('Name or service not known');
  if (!ns) return fail('Connection refused');
  const opened = tcpOpen(p.rt.apps, ns, r.ip, port);
  if (!opened.ok) return fail(opened.reason === 'timeout' ? 'Connection timed out' : opened.reason === 'refused' ? 'Connection refused' : 'No route to host');
  const s = opened.stream;
  const tty = containerOf(p)?.config.tty ?? false;
  if (words.length > 0) {
    p.out(show(s.send(encode(words)).data, false));
    s.end();
    return 0;
  }
  if (!p.readLine) {
    s.end();
    return 0;
  }
  const prompt = `${host}:${port}> `;
  for (;;) {
    const line = await p.readLine(prompt);
    if (line === null || p.signal?.aborted) break;
    const cmd = line.trim().split(/\s+/).filter(Boolean);
    if (cmd.length === 0) continue;
    if (/^(exit|quit)$/i.test(cmd[0]!)) break;
    p.out(show(s.send(encode(cmd)).data, tty || true));
    if (s.closed) break;
  }
  s.end();
  return 0;
};
