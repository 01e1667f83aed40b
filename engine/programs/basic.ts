import { absolutePath, isDirectory, readFile } from '../shell/files';
import { isAvailable, ShellExit } from '../shell/exec';
import type { ExecUser } from '../docker/api';
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

/** Legacy --link variables (Docker 28 still sets them): the daemon computes them from the linked containers. */
function linkEnv(p: Proc): string[] {
  const c = containerOf(p);
  const d = daemonOf(p);
  return c && d ? d.containerLinkEnv(c) : [];
}

/**
 * A process's environment as Docker builds it: PATH, HOSTNAME, TERM (with -t), the link
 * variables, the rest of the image's and the user's variables, and HOME last.
 */
export function environment(p: Proc): string[] {
  const c = containerOf(p);
  if (c) {
    const path = c.config.env.find((e) => e.startsWith('PATH=')) ?? 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    const rest = c.config.env.filter((e) => !e.startsWith('PATH=') && !e.startsWith('HOSTNAME=') && !e.startsWith('HOME='));
    const home = c.config.env.find((e) => e.startsWith('HOME=')) ?? 'HOME=/root';
    // `docker exec -e` adds its variables after the image's, before HOME (moby daemon/exec.go).
    return [path, `HOSTNAME=${c.config.hostname}`, ...(c.config.tty ? ['TERM=xterm'] : []), ...linkEnv(p), ...rest, ...(p.ctx.env ?? []), home];
  }
  return [
    'SHELL=/bin/bash',
    'PWD=/root',
    'LOGNAME=root',
    'HOME=/root',
    'LANG=C.UTF-8',
    'TERM=xterm-256color',
    'USER=root',
    'SHLVL=1',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...Object.entries(p.ctx.vars).filter(([k]) => /^[A-Z_]+$/.test(k) && k !== 'OLDPWD').map(([k, v]) => `${k}=${v}`),
  ];
}

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

export const exit: Program = async (p) => {
  const code = p.argv[1] !== undefined ? Number(p.argv[1]) & 255 : 0;
  if (p.nested) throw new ShellExit(Number.isNaN(code) ? 0 : code);
  if (p.session.depth() <= 1) {
    p.err('sim: this is the lab\'s login shell on ' + p.ctx.host + '; there is nothing to exit to.\n');
    return 1;
  }
  p.session.pop(Number.isNaN(code) ? 0 : code);
  if (p.ctx.kind === 'host' || p.ctx.kind === 'machine') p.out(`logout\nConnection to ${p.ctx.host} closed.\n`);
  else if (p.ctx.shell === 'bash' || p.ctx.shell === 'zsh') p.out('exit\n');
  return Number.isNaN(code) ? 0 : code;
};

export const pwd: Program = async (p) => {
  p.out(`${cwdOf(p)}\n`);
  return 0;
};

export const cd: Program = async (p) => {
  const arg = p.argv[1];
  const here = cwdOf(p);
  if (arg === '-') {
    const back = p.ctx.vars['OLDPWD'];
    if (!back) {
      p.err(p.ctx.shell === 'bash' ? 'bash: cd: OLDPWD not set\n' : 'sh: cd: OLDPWD not set\n');
      return p.ctx.shell === 'bash' ? 1 : 2;
    }
    p.ctx.vars['OLDPWD'] = here;
    p.ctx.cwd = back;
    p.out(`${back}\n`);
    return 0;
  }
  const target = !arg || arg === '~' ? '/root' : absolutePath(arg.replace(/^~(?=\/)/, '/root'), here);
  if (!isDirectory(target)) {
    if (p.ctx.shell === 'busybox') p.err(`sh: cd: can't cd to ${arg}: No such file or directory\n`);
    else if (p.ctx.shell === 'dash') p.err(`sh: 1: cd: can't cd to ${arg}\n`);
    else p.err(`${p.ctx.shell}: cd: ${arg}: No such file or directory\n`);
    // ash and dash raise a shell error (status 2); bash's builtin returns 1.
    return p.ctx.shell === 'bash' || p.ctx.shell === 'zsh' ? 1 : 2;
  }
  p.ctx.vars['OLDPWD'] = here;
  p.ctx.cwd = target;
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

export const exportProg: Program = async (p) => {
  for (const a of p.argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0) p.ctx.vars[a.slice(0, eq)] = a.slice(eq + 1);
  }
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

export const date: Program = async (p) => {
  const d = new Date(p.rt.world.clock);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
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

export const shProg: Program = async (p) => {
  const args = p.argv.slice(1);
  const i = args.indexOf('-c');
  if (i >= 0) {
    const script = args[i + 1];
    if (script === undefined) {
      p.err(`${p.argv[0]}: -c: option requires an argument\n`);
      return 2;
    }
    return p.runLine(script, p.ctx, { out: p.out, err: p.err, stdin: p.stdin, tty: p.tty });
  }
  if (p.stdin !== null) {
    let status = 0;
    for (const line of p.stdin.split('\n')) if (line.trim()) status = await p.runLine(line, p.ctx, { out: p.out, err: p.err });
    return status;
  }
  // A container's shell with no terminal and no stdin reads end of input and exits at once.
  if (p.nested) return 0;
  p.err(`sim: a nested interactive ${p.argv[0]} is not needed here; you are already in a shell\n`);
  return 0;
};

/** sudo CMD: the lab's shell is already root, so sudo just runs the command (tutorials type it). */
export const sudo: Program = async (p) => {
  const args = p.argv.slice(1).filter((a, i, all) => !(i === 0 && a.startsWith('-') && all.length > 1));
  if (args.length === 0) {
    p.err('usage: sudo -h | -K | -k | -V\nusage: sudo [-u user] command [arg ...]\n');
    return 1;
  }
  return p.runArgv(args, p.ctx, { out: p.out, err: p.err, stdin: p.stdin });
};
