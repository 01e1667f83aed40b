import type { ProbeCommand } from '../api';

/**
 * Reads the probe a command line ran (`ping db`, `curl -s localhost:8080`, `docker exec app wget
 * -qO- http://web/`, `nc -zv 10.0.0.2 5432`) into the endpoints `explainPath` takes, so the last
 * one typed in a terminal can be explained. Only the words matter: the shell already ran it.
 */

/** Options that take a value, per program (the value is the next word). */
const VALUE_OPTS: Record<string, ReadonlySet<string>> = {
  ping: new Set(['-c', '-i', '-W', '-w', '-s', '-t', '-I', '-l', '-p', '-Q', '-S', '-M']),
  curl: new Set(['-o', '-H', '-X', '-d', '-u', '-A', '-e', '-m', '-w', '-x', '-b', '-c', '-F', '-T', '-r', '--max-time', '--connect-timeout', '--header', '--request', '--data', '--user', '--user-agent', '--output', '--write-out', '--resolve', '--proxy', '--retry']),
  wget: new Set(['-O', '-T', '-U', '-t', '-o', '-P', '--header', '--timeout', '--tries', '--user-agent', '--output-document']),
  nc: new Set(['-w', '-p', '-s', '-i', '-q', '-W']),
  telnet: new Set(['-l', '-e', '-b']),
};

const EXEC_VALUE_OPTS = new Set(['-u', '-e', '-w', '--user', '--env', '--workdir', '--env-file', '--detach-keys']);

type Probe = Omit<ProbeCommand, 'sessionId' | 'line'>;

function segments(line: string): string[][] {
  return line
    .split(/&&|\|\||;|\|/)
    .map((s) =>
      s
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => w.replace(/^['"]|['"]$/g, '')),
    )
    .filter((words) => words.length > 0);
}

function operands(program: string, args: string[]): string[] {
  const takes = VALUE_OPTS[program] ?? new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && a.length > 1) {
      if (takes.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** http://host:port/path, host:port, host → host and port (https: 443). */
function urlTarget(url: string): { host: string; port: number } | null {
  const m = /^(?:(https?):\/\/)?(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]+)(?::(\d+))?/i.exec(url);
  if (!m) return null;
  const port = m[3] ? Number(m[3]) : m[1]?.toLowerCase() === 'https' ? 443 : 80;
  return { host: m[2]!, port };
}

function probeOf(words: string[]): Probe | null {
  const [program, ...args] = words;
  if (!program) return null;
  const name = program.split('/').pop()!;
  const ops = operands(name, args);
  switch (name) {
    case 'ping': {
      const to = ops[ops.length - 1];
      return to ? { command: 'ping', from: '', to, proto: 'icmp' } : null;
    }
    case 'curl':
    case 'wget': {
      const t = ops[0] ? urlTarget(ops[0]) : null;
      return t ? { command: name, from: '', to: t.host, port: t.port, proto: 'tcp' } : null;
    }
    case 'nc':
    case 'netcat':
    case 'telnet': {
      const [to, port] = ops;
      const n = Number(port);
      if (!to || !Number.isInteger(n) || n < 1 || n > 65535) return null;
      return { command: name === 'netcat' ? 'nc' : name, from: '', to, port: n, proto: args.includes('-u') ? 'udp' : 'tcp' };
    }
  }
  return null;
}

/** `docker exec [opts] NAME cmd…` → NAME and cmd… */
function insideExec(words: string[]): { container: string; rest: string[] } | null {
  let i = words[0] === 'docker' ? 1 : -1;
  if (i < 0) return null;
  if (words[i] === 'container') i++;
  if (words[i] !== 'exec') return null;
  for (i++; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-')) break;
    if (EXEC_VALUE_OPTS.has(w)) i++;
  }
  const container = words[i];
  return container ? { container, rest: words.slice(i + 1) } : null;
}

/**
 * The last probe of a line, run at `host` (inside `container` when the prompt was in one); `first`
 * is the lab's first host, whose containers need no `@host`.
 */
/** A line naming none of the probing programs is skipped without splitting it into words. */
const MAY_PROBE = /(?:^|[\s/;&|(])(?:ping|curl|wget|nc|netcat|telnet)(?:\s|$|[;&|)])/;

export function probeInLine(line: string, at: { host: string; container: string | null }, first: string): Probe | null {
  if (!MAY_PROBE.test(line)) return null;
  let found: Probe | null = null;
  for (let words of segments(line)) {
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
    if (words[i] === 'sudo') i++;
    words = words.slice(i);
    const exec = insideExec(words);
    const container = exec ? exec.container : at.container;
    const probe = probeOf(exec ? exec.rest : words);
    if (!probe) continue;
    const from = container ? (at.host === first ? container : `${container}@${at.host}`) : at.host;
    found = { ...probe, from };
  }
  return found;
}
