import { sysctlAll, sysctlGet, sysctlSet } from '../kernel/sysctl';
import type { NetNs } from '../kernel/types';
import { containerOf, type Proc } from '../shell/types';

/**
 * The busybox 1.37 `sysctl` applet (procps/sysctl.c), as alpine and busybox images have it:
 * getopt32 "+neAapwq" (-e and -n flip flags that start on), a KEY=VALUE argument writes even
 * without -w, no argument at all is a silent success, --help is the usage on stderr with exit 1.
 * In an unprivileged container /proc/sys is a read-only mount (moby oci defaults), so the
 * open for writing fails with EROFS and bb_perror_msg prints "error setting key".
 */

export const BB_SYSCTL_USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: sysctl [-enq] { -a | -p [FILE]... | [-w] [KEY[=VALUE]]... }

Show/set kernel parameters

\t-e\tDon't warn about unknown keys
\t-n\tDon't show key names
\t-q      Quiet
\t-a\tShow all values
\t-p\tSet values from FILEs (default /etc/sysctl.conf)
\t-w\tSet values
`;

interface BbOpts {
  keys: boolean;
  keyErrors: boolean;
  all: boolean;
  load: boolean;
  write: boolean;
  quiet: boolean;
}

function parse(p: Proc): { o: BbOpts; args: string[] } | string {
  const o: BbOpts = { keys: true, keyErrors: true, all: false, load: false, write: false, quiet: false };
  const argv = p.argv.slice(1);
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    // '+' in the option string: options end at the first operand.
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) return `sysctl: unrecognized option: ${a.slice(2).split('=')[0]}\n`;
    for (const ch of a.slice(1)) {
      if (ch === 'n') o.keys = !o.keys;
      else if (ch === 'e') o.keyErrors = !o.keyErrors;
      else if (ch === 'A' || ch === 'a') o.all = true;
      else if (ch === 'p') o.load = true;
      else if (ch === 'w') o.write = true;
      else if (ch === 'q') o.quiet = true;
      else return `sysctl: unrecognized option: ${ch}\n`;
    }
  }
  return { o, args: argv.slice(i) };
}

export function busyboxSysctl(p: Proc, ns: NetNs): number {
  if (p.argv[1] === '--help') {
    p.err(BB_SYSCTL_USAGE);
    return 1;
  }
  const parsed = parse(p);
  if (typeof parsed === 'string') {
    p.err(parsed + BB_SYSCTL_USAGE);
    return 1;
  }
  const { o, args } = parsed;
  if (o.load) {
    // config_open: the file is missing from the image; the applet still exits 0.
    for (const f of args.length ? args : ['/etc/sysctl.conf']) p.err(`sysctl: can't open '${f}': No such file or directory\n`);
    return 0;
  }
  const show = (key: string, value: string) => p.out(o.keys ? `${key} = ${value}\n` : `${value}\n`);
  if (o.all) {
    for (const [k, v] of sysctlAll(ns)) show(k, v);
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/\//g, '.');
    if (o.write && eq < 0) {
      p.err(`sysctl: error: '${key}' must be of the form name=value\n`);
      status = 1;
      continue;
    }
    if (eq === 0) {
      p.err(`sysctl: error: malformed setting '${arg}'\n`);
      status = 1;
      continue;
    }
    // A directory (net.ipv4) lists the keys under it, as the applet's recursion does.
    const under = eq < 0 ? sysctlAll(ns).filter(([k]) => k.startsWith(`${key}.`)) : [];
    if (under.length) {
      for (const [k, v] of under) show(k, v);
      continue;
    }
    if (sysctlGet(ns, key) === null) {
      if (o.keyErrors) p.err(`sysctl: error: '${key}' is an unknown key\n`);
      status = 1;
      continue;
    }
    if (eq < 0) {
      show(key, sysctlGet(ns, key)!);
      continue;
    }
    status = write(p, ns, o, key, arg.slice(eq + 1)) || status;
  }
  return status;
}

function write(p: Proc, ns: NetNs, o: BbOpts, key: string, value: string): number {
  if (!containerOf(p)?.hostConfig.privileged) {
    p.err(`sysctl: error setting key '${key}': Read-only file system\n`);
    return 1;
  }
  const r = sysctlSet(ns, key, value);
  if (r === 'invalid') {
    // xwrite_str dies when the kernel's handler refuses the text (proc_dointvec: EINVAL).
    p.err('sysctl: write error: Invalid argument\n');
    return 1;
  }
  if (r !== 'ok') {
    p.err(`sim: '${key}' follows the state it describes in this lab; only forwarding can be changed\n`);
    return 1;
  }
  p.rt.world.netVersion++;
  p.rt.world.revision++;
  p.rt.changed();
  if (!o.quiet) p.out(o.keys ? `${key} = ${value}\n` : `${value}\n`);
  return 0;
}
