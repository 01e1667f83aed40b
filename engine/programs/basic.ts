import type { ExecUser } from '../docker/api';
import { environment, shellNamed } from '../shell/env';
import { isAvailable } from '../shell/exec';
import { absolutePath, readFile } from '../shell/files';
import { containerOf, cwdOf, daemonOf, nsOf, type Proc, type Program } from '../shell/types';

/** Small programs and shell builtins: what a learner uses around the networking commands. */

export const echo: Program = async (p) => {
  let args = p.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  p.out(text + (newline ? '\n' : ''));
  return 0;
};

export const cat: Program = async (p) => {
  const files = p.argv.slice(1).filter((a) => a !== '-');
  if (files.length === 0) {
    p.out(p.stdin ?? '');
    return 0;
  }
  let status = 0;
  for (const f of files) {
    const text = readFile(p, absolutePath(f, cwdOf(p)));
    if (text === null) {
      p.err(`cat: ${p.ctx.shell === 'busybox' ? `can't open '${f}'` : f}: No such file or directory\n`);
      status = 1;
    } else p.out(text);
  }
  return status;
};

export const hostname: Program = async (p) => {
  const ns = nsOf(p);
  const c = containerOf(p);
  if (p.argv.includes('-i') || p.argv.includes('-I')) {
    const addrs = ns ? ns.links.filter((l) => l.kind !== 'loopback').flatMap((l) => l.addrs.map((a) => a.ip)) : [];
    p.out(addrs.join(' ') + (p.argv.includes('-I') ? ' ' : '') + '\n');
    return 0;
  }
  p.out(`${c ? c.config.hostname : (ns?.hostname ?? p.ctx.host)}\n`);
  return 0;
};

export const env: Program = async (p) => {
  p.out(environment(p).join('\n') + '\n');
  return 0;
};

export const printenv: Program = async (p) => {
  const all = environment(p);
  const names = p.argv.slice(1);
  if (names.length === 0) {
    p.out(all.join('\n') + '\n');
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const hit = all.find((e) => e.startsWith(`${n}=`));
    if (hit) p.out(hit.slice(n.length + 1) + '\n');
    else status = 1;
  }
  return status;
};

export const sleep: Program = async (p) => {
  const arg = p.argv[1];
  if (!arg) {
    p.err(p.ctx.shell === 'busybox' ? 'BusyBox v1.37.0 (2025-10-07 19:37:41 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\nTry \'sleep --help\' for more information.\n');
    return 1;
  }
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m && arg !== 'infinity') {
    p.err(p.ctx.shell === 'busybox' ? `sleep: invalid number '${arg}'\n` : `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
    return 1;
  }
  const secs = arg === 'infinity' ? Infinity : Number(m![1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m![2]!]!;
  // A long sleep in a lab terminal is spent in steps so that Ctrl-C stops it.
  let left = secs * 1000;
  while (left > 0) {
    const step = Math.min(left, 1000);
    const done = await p.rt.sleep(step, p.signal);
    if (!done) return 130;
    left -= step;
    if (!Number.isFinite(left)) continue;
  }
  return 0;
};

export const trueProg: Program = async () => 0;
export const falseProg: Program = async () => 1;

export const clear: Program = async (p) => {
  p.session.requestClear();
  return 0;
};

export const history: Program = async (p) => {
  const h = p.session.history();
  const width = String(h.length).length;
  p.out(h.map((l, i) => `${String(i + 1).padStart(Math.max(width, 4) + 1)}  ${l}`).join('\n') + (h.length ? '\n' : ''));
  return 0;
};

export const help: Program = async (p) => {
  p.out(
    [
      'Docknet lab shell. Commands you can use here:',
      '  docker ...            the Docker CLI (run, ps, inspect, exec, network, ...); try `docker --help`',
      '  ip a | ip link | ip route    interfaces, links and routes of this namespace',
      '  brctl show | bridge link     Linux bridges and their ports',
      '  iptables -S | iptables -t nat -L -n    the netfilter rules Docker installed',
      '  ping -c N HOST | curl URL | wget -qO- URL | nslookup NAME | dig NAME',
      '  nc -zv HOST PORT | nc -l -p PORT    probe a port; listen and print what arrives',
      '  ss -tlnp | ps aux                   listening sockets and processes (docker-proxy, dockerd)',
      '  cat FILE | echo | hostname | env | sleep N | clear | history | exit',
      '  ssh HOST              open a shell on another machine of the lab (exit comes back)',
      '  pipes and lists:      cmd | grep x | head -n 3;  a && b || c;  sh -c "..."',
      '',
    ].join('\n'),
  );
  return 0;
};

export const pwd: Program = async (p) => {
  p.out(`${cwdOf(p)}\n`);
  return 0;
};

/** printf FORMAT [ARG...]: the escapes and conversions a learner uses (%s %d %%, \n \t \\). */
export const printf: Program = async (p) => {
  const [format, ...args] = p.argv.slice(1);
  if (format === undefined) {
    p.err(p.ctx.shell === 'bash' ? 'printf: usage: printf [-v var] format [arguments]\n' : 'printf: usage: printf format [arg ...]\n');
    return 2;
  }
  const unescape = (t: string) => t.replace(/\\(n|t|\\|r|a|e)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', r: '\r', a: '\u0007', e: '\u001b' })[c] ?? c);
  let out = '';
  let i = 0;
  do {
    out += unescape(format).replace(/%([-0-9.]*)([sdxq%])/g, (_, width: string, conv: string) => {
      if (conv === '%') return '%';
      const arg = args[i++] ?? '';
      const val = conv === 'd' ? String(parseInt(arg, 10) || 0) : conv === 'x' ? (parseInt(arg, 10) || 0).toString(16) : arg;
      const w = parseInt(width, 10);
      if (!w) return val;
      return width.startsWith('-') ? val.padEnd(Math.abs(w)) : val.padStart(w);
    });
  } while (i < args.length && /%[-0-9.]*[sdxq]/.test(format));
  p.out(out);
  return 0;
};

/** The container user this process runs as (`--user`, `exec -u`), resolved by the daemon; null for root. */
function containerUser(p: Proc): ExecUser | null {
  const c = containerOf(p);
  const d = daemonOf(p);
  if (!c || !d || !p.ctx.user) return null;
  const u = d.containerUser(c, p.ctx.user);
  return typeof u === 'string' || u.uid === 0 ? null : u;
}

export const id: Program = async (p) => {
  const u = containerUser(p);
  if (u) {
    const named = (n: number, name: string | null) => (name === null ? String(n) : `${n}(${name})`);
    p.out(`uid=${named(u.uid, u.name)} gid=${named(u.gid, u.groupName)} groups=${u.groups.map((g) => named(g.gid, g.name)).join(',')}\n`);
    return 0;
  }
  p.out(p.ctx.shell === 'busybox' ? 'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
  return 0;
};

export const whoami: Program = async (p) => {
  const u = containerUser(p);
  if (u && u.name === null) {
    p.err(p.ctx.shell === 'busybox' ? `whoami: unknown uid ${u.uid}\n` : `whoami: cannot find name for user ID ${u.uid}\n`);
    return 1;
  }
  p.out(`${u?.name ?? 'root'}\n`);
  return 0;
};

/** uname: coreutils and busybox:latest end `-a` with "GNU/Linux"; Alpine's busybox says "Linux" (finding 36). */
export const uname: Program = async (p) => {
  const flags = new Set(p.argv.slice(1).filter((a) => a.startsWith('-')).flatMap((a) => (a === '--all' ? ['a'] : [...a.slice(1)])));
  const host = containerOf(p)?.config.hostname ?? nsOf(p)?.hostname ?? p.ctx.host;
  const c = containerOf(p);
  const os = (c ? daemonOf(p)?.registry.byId(c.imageId)?.unameOs : undefined) ?? 'GNU/Linux';
  const fields: [string, string][] = [
    ['s', 'Linux'],
    ['n', host],
    ['r', '6.12.48+deb13-amd64'],
    ['v', '#1 SMP PREEMPT_DYNAMIC Debian 6.12.48-1 (2025-09-20)'],
    ['m', 'x86_64'],
    ['o', os],
  ];
  const all = flags.has('a');
  const picked = fields.filter(([k]) => all || flags.has(k));
  p.out(`${(picked.length ? picked : [fields[0]!]).map(([, v]) => v).join(' ')}\n`);
  return 0;
};

/** date [+FORMAT]: the lab clock in UTC; FORMAT takes the common strftime fields (coreutils date). */
export const date: Program = async (p) => {
  const d = new Date(p.rt.world.clock);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const fields = new Map<string, () => string>([
    ['a', () => days[d.getUTCDay()]!],
    ['b', () => months[d.getUTCMonth()]!],
    ['d', () => two(d.getUTCDate())],
    ['e', () => String(d.getUTCDate()).padStart(2, ' ')],
    ['F', () => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`],
    ['H', () => two(d.getUTCHours())],
    ['m', () => two(d.getUTCMonth() + 1)],
    ['M', () => two(d.getUTCMinutes())],
    ['N', () => String((p.rt.world.clock % 1000) * 1_000_000).padStart(9, '0')],
    ['s', () => String(Math.floor(p.rt.world.clock / 1000))],
    ['S', () => two(d.getUTCSeconds())],
    ['T', () => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`],
    ['Y', () => String(d.getUTCFullYear())],
    ['Z', () => 'UTC'],
    ['%', () => '%'],
  ]);
  const format = p.argv.slice(1).find((a) => a.startsWith('+'));
  if (format !== undefined) {
    p.out(`${format.slice(1).replace(/%(.)/g, (all, c: string) => fields.get(c)?.() ?? all)}\n`);
    return 0;
  }
  p.out(`${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`);
  return 0;
};

export const which: Program = async (p) => {
  let status = 0;
  for (const name of p.argv.slice(1)) {
    if (isAvailable(p.rt, p.ctx, name) && !['exit', 'cd', 'export', 'history', 'help'].includes(name)) p.out(`/usr/bin/${name}\n`);
    else status = 1;
  }
  return status;
};

/**
 * sh, bash, ash, zsh: `sh -c 'script' [arg0 [args…]]`, `sh file [args…]`, or commands from
 * standard input (`sh < file`, `echo cmd | sh`), each read by a new shell one level deeper.
 */
export const shProg: Program = async (p) => {
  const name = p.argv[0]!;
  const shell = shellNamed(p, name);
  let args = p.argv.slice(1);
  // Options the lab accepts and needs nothing for (-e, -x and friends go to the script as `set`).
  const options: string[] = [];
  while (args[0] !== undefined && /^[-+][a-zA-Z]+$/.test(args[0]) && args[0] !== '-c' && !/^-[a-zA-Z]*c$/.test(args[0])) options.push(args.shift()!);
  if (args[0] !== undefined && /^-[a-zA-Z]*c$/.test(args[0])) {
    const prelude = args[0].length > 2 ? `set ${args[0].slice(0, -1)}; ` : '';
    const script = args[1];
    if (script === undefined) {
      p.err(shell === 'bash' ? `${name}: -c: option requires an argument\n` : shell === 'dash' ? `${name}: 0: -c requires an argument\n` : `${name}: -c requires an argument\n`);
      return 2;
    }
    return p.runScript(withOptions(options, prelude + script), { shell, source: '-c', arg0: args[2] ?? name, positional: args.slice(3), stdin: p.stdin });
  }
  if (args[0] !== undefined && args[0] !== '-' && args[0] !== '-s') {
    const file = args[0];
    const text = readFile(p, absolutePath(file, cwdOf(p)));
    if (text === null) {
      const msg: Record<typeof shell, string> = {
        bash: `${name}: ${file}: No such file or directory`,
        dash: `${name}: 0: cannot open ${file}: No such file`,
        busybox: `${name}: can't open '${file}': No such file or directory`,
        zsh: `${name}: no such file or directory: ${file}`,
      };
      p.err(`${msg[shell]}\n`);
      return shell === 'bash' || shell === 'zsh' ? 127 : 2;
    }
    return p.runScript(withOptions(options, text), { shell, source: file, arg0: file, positional: args.slice(1), stdin: p.stdin });
  }
  const input = p.stdin;
  if (input !== null) return p.runScript(withOptions(options, input), { shell, source: 'stdin', arg0: name, positional: args.slice(1), stdin: null });
  // A container's shell with no terminal and no stdin reads end of input and exits at once.
  if (p.nested) return 0;
  p.err(`sim: a nested interactive ${name} is not needed here; you are already in a shell\n`);
  return 0;
};

/** `sh -e script`: the options become a `set` line in front of the script. */
function withOptions(options: string[], text: string): string {
  return options.length > 0 ? `set ${options.join(' ')}; ${text}` : text;
}

/** sudo CMD: the lab's shell is already root, so sudo just runs the command (tutorials type it). */
export const sudo: Program = async (p) => {
  const args = p.argv.slice(1).filter((a, i, all) => !(i === 0 && a.startsWith('-') && all.length > 1));
  if (args.length === 0) {
    p.err('usage: sudo -h | -K | -k | -V\nusage: sudo [-u user] command [arg ...]\n');
    return 1;
  }
  return p.runArgv(args, p.ctx, { out: p.out, err: p.err, stdin: p.stdin });
};
