import { sysctlAll, sysctlGet, sysctlSet } from '../kernel/sysctl';
import type { NetNs } from '../kernel/types';
import { toolsetOf } from '../shell/toolset';
import { containerOf, nsOf, type Proc, type Program } from '../shell/types';
import { busyboxSysctl } from './sysctl-busybox';

/**
 * `sysctl` from procps-ng 4.0.4 on hosts (Debian 13), the busybox applet in containers
 * (sysctl-busybox.ts), over the namespace's network sysctls (kernel/sysctl.ts). Texts captured
 * in the Debian 13 chroot (fidelity-evidence/real-B2-netns-sysctl-versions.txt: read, -n, -w,
 * the cannot-stat error); the rest follows procps-ng sysctl.c (ReadSetting/WriteSetting): a
 * KEY=VALUE operand writes even without -w, -e silences unknown keys and keeps exit 0.
 */

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

const LONG: ReadonlyMap<string, string> = new Map([
  ['--all', 'a'], ['--binary', 'b'], ['--ignore', 'e'], ['--names', 'N'], ['--values', 'n'], ['--load', 'p'],
  ['--quiet', 'q'], ['--write', 'w'], ['--help', 'h'], ['--version', 'V'], ['--dry-run', 'D'], ['--system', 'S'],
]);

interface Opts {
  all: boolean;
  write: boolean;
  values: boolean;
  names: boolean;
  binary: boolean;
  quiet: boolean;
  ignore: boolean;
  dryRun: boolean;
}

export const sysctl: Program = async (p) => {
  const ns = nsOf(p);
  if (!ns) return 1;
  if (toolsetOf(p) === 'busybox' || containerOf(p)) return busyboxSysctl(p, ns);
  return procps(p, ns);
};

function procps(p: Proc, ns: NetNs): number {
  const o: Opts = { all: false, write: false, values: false, names: false, binary: false, quiet: false, ignore: false, dryRun: false };
  const names: string[] = [];
  const flag = (ch: string): number | null => {
    if ('aAX'.includes(ch)) o.all = true;
    else if (ch === 'w') o.write = true;
    else if (ch === 'n') o.values = true;
    else if (ch === 'N') o.names = true;
    else if (ch === 'b') o.binary = true;
    else if (ch === 'q') o.quiet = true;
    else if (ch === 'e') o.ignore = true;
    else if (ch === 'D') o.dryRun = true;
    else if (ch === 'o' || ch === 'x') return null;
    else if (ch === 'h' || ch === 'd') {
      p.out(USAGE);
      return 0;
    } else if (ch === 'V') {
      p.out('sysctl from procps-ng 4.0.4\n');
      return 0;
    } else if (ch === 'p' || ch === 'f' || ch === 'S') {
      p.err('sim: the lab has no sysctl.conf files to load; set keys with sysctl -w KEY=VALUE\n');
      return 1;
    } else {
      p.err(`sysctl: invalid option -- '${ch}'${USAGE}`);
      return 1;
    }
    return null;
  };
  for (const a of p.argv.slice(1)) {
    let r: number | null = null;
    if (a.startsWith('--')) {
      const ch = LONG.get(a.split('=')[0]!);
      if (ch === undefined) {
        p.err(`sysctl: unrecognized option '${a}'${USAGE}`);
        return 1;
      }
      r = flag(ch);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) if ((r = flag(ch)) !== null) break;
    } else names.push(a);
    if (r !== null) return r;
  }
  const show = (key: string, value: string) => {
    if (o.names) p.out(`${key}\n`);
    else if (o.values) p.out(o.binary ? value : `${value}\n`);
    else p.out(`${key} = ${value}\n`);
  };
  if (o.all) {
    for (const [k, v] of sysctlAll(ns)) show(k, v);
    p.err('sim: the lab lists only the network settings it models\n');
    return 0;
  }
  if (names.length === 0) {
    p.err("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    if (o.write || eq >= 0) status = writeSetting(p, ns, o, arg) || status;
    else status = readSetting(p, ns, o, arg, show) || status;
  }
  return status;
}

const keyOf = (s: string) => s.replace(/\//g, '.');
const pathOf = (key: string) => `/proc/sys/${key.replace(/\./g, '/')}`;

function readSetting(p: Proc, ns: NetNs, o: Opts, arg: string, show: (k: string, v: string) => void): number {
  const key = keyOf(arg);
  const v = sysctlGet(ns, key);
  if (v !== null) {
    show(key, v);
    return 0;
  }
  // A directory lists the keys under it.
  const under = sysctlAll(ns).filter(([k]) => k.startsWith(`${key}.`));
  if (under.length) {
    for (const [k, val] of under) show(k, val);
    return 0;
  }
  if (o.ignore) return 0;
  p.err(`sysctl: cannot stat ${pathOf(key)}: No such file or directory\n`);
  return 1;
}

function writeSetting(p: Proc, ns: NetNs, o: Opts, arg: string): number {
  const eq = arg.indexOf('=');
  if (eq < 0) {
    p.err(`sysctl: "${arg}" must be of the form name=value\n`);
    return 1;
  }
  const key = keyOf(arg.slice(0, eq));
  const value = arg.slice(eq + 1);
  if (key === '') {
    p.err(`sysctl: malformed setting "${arg}"\n`);
    return 1;
  }
  if (sysctlGet(ns, key) === null) {
    if (o.ignore) return 0;
    p.err(`sysctl: cannot stat ${pathOf(key)}: No such file or directory\n`);
    return 1;
  }
  if (!o.dryRun) {
    const r = sysctlSet(ns, key, value);
    if (r === 'invalid') {
      p.err(`sysctl: setting key "${key}": Invalid argument\n`);
      return 1;
    }
    if (r !== 'ok') {
      p.err(`sim: '${key}' follows the state it describes in this lab; only forwarding can be changed\n`);
      return 1;
    }
    p.rt.world.netVersion++;
    p.rt.world.revision++;
    p.rt.changed();
  }
  if (o.quiet) return 0;
  if (o.names) p.out(`${key}\n`);
  else if (o.values) p.out(o.binary ? value : `${value}\n`);
  else p.out(`${key} = ${value}\n`);
  return 0;
}
