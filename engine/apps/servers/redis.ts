/**
 * redis-server (the official redis image): its start-up lines and enough of RESP for `redis-cli ping`,
 * `redis-cli set/get` and `printf 'PING\r\n' | nc redis 6379`. Keys live as long as the lab runs.
 */

import type { AppEnv } from '../env';
import { redisTime } from './common';
import type { AppListener, Conn, ServerModule, StartInfo, TcpReply } from './types';

const stores = new WeakMap<AppListener, Map<string, string>>();

function storeOf(app: AppListener): Map<string, string> {
  let s = stores.get(app);
  if (!s) stores.set(app, (s = new Map()));
  return s;
}

/** Splits what a client sent into commands: RESP arrays (redis-cli) or inline lines (nc, telnet). */
export function parseCommands(data: string): string[][] {
  const out: string[][] = [];
  const lines = data.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    if (line.startsWith('*')) {
      const n = Number(line.slice(1));
      const args: string[] = [];
      for (let k = 0; k < n && i + 2 < lines.length + 1; k++) {
        i += 2;
        args.push(lines[i] ?? '');
      }
      out.push(args);
    } else out.push(line.trim().split(/\s+/));
  }
  return out;
}

const bulk = (s: string | null) => (s === null ? '$-1\r\n' : `$${s.length}\r\n${s}\r\n`);

function argsError(cmd: string): string {
  return `-ERR wrong number of arguments for '${cmd.toLowerCase()}' command\r\n`;
}

/** One command's reply, or null when redis drops the connection (an HTTP request: cross-protocol scripting). */
function run(env: AppEnv, conn: Conn, args: string[]): string | null {
  const [name = '', ...rest] = args;
  const cmd = name.toUpperCase();
  const db = storeOf(conn.app);
  switch (cmd) {
    case 'PING':
      return rest.length === 0 ? '+PONG\r\n' : rest.length === 1 ? bulk(rest[0]!) : argsError(cmd);
    case 'ECHO':
      return rest.length === 1 ? bulk(rest[0]!) : argsError(cmd);
    case 'SET':
      if (rest.length < 2) return argsError(cmd);
      db.set(rest[0]!, rest[1]!);
      return '+OK\r\n';
    case 'GET':
      return rest.length === 1 ? bulk(db.get(rest[0]!) ?? null) : argsError(cmd);
    case 'DEL':
    case 'EXISTS': {
      if (rest.length === 0) return argsError(cmd);
      let n = 0;
      for (const k of rest) if (db.has(k) && (cmd === 'EXISTS' || db.delete(k))) n++;
      return `:${n}\r\n`;
    }
    case 'INCR': {
      if (rest.length !== 1) return argsError(cmd);
      const v = Number(db.get(rest[0]!) ?? '0');
      if (!Number.isInteger(v)) return '-ERR value is not an integer or out of range\r\n';
      db.set(rest[0]!, String(v + 1));
      return `:${v + 1}\r\n`;
    }
    case 'KEYS':
      if (rest.length !== 1) return argsError(cmd);
      return `*${db.size}\r\n${[...db.keys()].map((k) => bulk(k)).join('')}`;
    case 'DBSIZE':
      return `:${db.size}\r\n`;
    case 'QUIT':
      return '+OK\r\n';
    case 'HOST:':
    case 'POST': {
      // redis's defence against HTTP requests (securityWarningCommand): log and close.
      if (conn.app.containerId) {
        env.log(
          conn.app.containerId,
          `1:M ${redisTime(env.world.clock)} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from ${conn.peer.ip}:${conn.peer.port} aborted.`,
        );
      }
      return null;
    }
    default: {
      const shown = rest.map((a) => `'${a}' `).join('');
      return `-ERR unknown command '${name}', with args beginning with: ${shown}\r\n`;
    }
  }
}

function tcp(env: AppEnv, conn: Conn, data: string): TcpReply {
  let out = '';
  for (const args of parseCommands(data)) {
    const reply = run(env, conn, args);
    if (reply === null) return { data: out, close: true };
    out += reply;
    if (args[0]?.toUpperCase() === 'QUIT') return { data: out, close: true };
  }
  return { data: out, close: false };
}

function start(s: StartInfo) {
  const t = redisTime(s.now);
  const line = (role: string, mark: string, text: string) => ({ stream: 'out' as const, text: `1:${role} ${t} ${mark} ${text}` });
  return {
    log: [
      { stream: 'out' as const, text: 'Starting Redis Server' },
      line('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      line('C', '*', `Redis version=${s.version}, bits=64, commit=00000000, modified=1, pid=1, just started`),
      line('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
      line('M', '*', 'monotonic clock: POSIX clock_gettime'),
      line('M', '*', 'Running mode=standalone, port=6379.'),
      line('M', '*', 'Server initialized'),
      line('M', '*', 'Ready to accept connections tcp'),
    ],
    sockets: [{ proto: 'tcp' as const, ip: '0.0.0.0', port: 6379 }],
  };
}

export const redis: ServerModule = { comm: 'redis-server', backlog: 511, start, tcp };
