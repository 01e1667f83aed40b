import { kernelDir } from '../apps/procfs';
import { absolutePath, readFile } from '../shell/files';
import { toolsetOf } from '../shell/toolset';
import { containerOf, cwdOf, daemonOf, nsOf, type Proc, type Program } from '../shell/types';
import { imageOf } from './libc';

/** ls: directory listings from the image's tree, files written in the container, and the kernel's generated directories. */

const ROOT = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

/** What a Debian host has where learners look. */
const HOST_DIRS: Record<string, string[]> = {
  '/': ROOT,
  '/etc': ['debian_version', 'docker', 'group', 'hostname', 'hosts', 'os-release', 'passwd', 'resolv.conf', 'ssh', 'sysctl.d'],
  '/root': [],
  '/tmp': [],
};

/** Directories the daemon always creates in a container. */
const CONTAINER_ETC = ['hostname', 'hosts', 'resolv.conf'];

function childrenOf(paths: string[], dir: string): string[] {
  const base = dir === '/' ? '' : dir;
  return paths
    .filter((f) => f.startsWith(`${base}/`))
    .map((f) => f.slice(base.length + 1).split('/')[0]!)
    .filter((n) => n !== '');
}

/**
 * /var/run/docker/netns on a host: the files Docker bind-mounts its namespaces on (the ones nsenter
 * opens): overlays' `1-<netid[:10]>`, `lb_…`, `ingress_sbox`, and each running container's
 * sandbox `<sandboxID[:12]>` (moby libnetwork/osl/namespace_linux.go).
 */
function dockerNetnsDir(p: Proc): string[] {
  const prefix = `netns:${p.ctx.host}:`;
  const own = Object.keys(p.rt.world.netns).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const sandboxes = (daemonOf(p)?.containers() ?? []).filter((c) => c.nsId && c.sandboxId).map((c) => c.sandboxId!.slice(0, 12));
  return [...new Set([...own, ...sandboxes])].sort();
}

/** Entries of a directory, or null when there is no such directory. */
function listing(p: Proc, dir: string): string[] | null {
  if (p.ctx.kind === 'host' && (dir === '/var/run/docker/netns' || dir === '/run/docker/netns') && daemonOf(p)) return dockerNetnsDir(p);
  const c = containerOf(p);
  const ns = nsOf(p);
  const generated = ns ? kernelDir(ns, dir) : null;
  if (generated) return generated;
  const written = c ? Object.keys(c.files) : p.ctx.kind === 'host' ? Object.keys(p.rt.world.hosts[p.ctx.host]?.files ?? {}) : [];
  let known: string[] | undefined;
  let fromFiles: string[] = [];
  if (c) {
    const image = imageOf(p);
    const dirs = image?.dirs ?? {};
    known = Object.hasOwn(dirs, dir) ? dirs[dir] : undefined;
    if (!known && dir === '/') known = ROOT.filter((d) => d !== 'boot' && d !== 'lib64');
    fromFiles = childrenOf(Object.keys(image?.files ?? {}), dir).concat(childrenOf(Object.keys(dirs), dir));
    if (dir === '/etc') fromFiles.push(...CONTAINER_ETC);
    if (['/tmp', '/root', '/home', '/mnt', '/opt', '/srv', '/media'].includes(dir)) known ??= [];
  } else known = Object.hasOwn(HOST_DIRS, dir) ? HOST_DIRS[dir] : undefined;
  const extra = childrenOf(written, dir);
  if (!known && fromFiles.length === 0 && extra.length === 0) return null;
  return [...new Set([...(known ?? []), ...fromFiles, ...extra])].sort();
}

/** GNU/busybox column layout for a terminal: as few rows as fit 80 columns, filled down then across. */
function columns(names: string[]): string {
  if (names.length === 0) return '';
  for (let rows = 1; rows <= names.length; rows++) {
    const cols = Math.ceil(names.length / rows);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) widths.push(Math.max(...names.slice(c * rows, c * rows + rows).map((n) => n.length)));
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (cols - 1);
    if (total > 80 && rows < names.length) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < cols; c++) {
        const name = names[c * rows + r];
        if (name === undefined) continue;
        const last = c === cols - 1 || names[(c + 1) * rows + r] === undefined;
        cells.push(last ? name : name.padEnd(widths[c]! + 2));
      }
      out += `${cells.join('')}\n`;
    }
    return out;
  }
  return names.join('\n') + '\n';
}

export const ls: Program = async (p) => {
  const args = p.argv.slice(1);
  const flags = new Set(args.filter((a) => a.startsWith('-') && a.length > 1).flatMap((a) => [...a.slice(1)]));
  const targets = args.filter((a) => !a.startsWith('-') || a === '-');
  const gnu = toolsetOf(p) === 'gnu';
  const c = containerOf(p);
  // One name per line unless the output is a terminal: a host shell, or a container run with -t.
  const terminal = !flags.has('1') && (c ? c.config.tty : true);
  let status = 0;
  const paths = targets.length ? targets : [cwdOf(p)];
  const parts: string[] = [];
  for (const t of paths) {
    const path = absolutePath(t, cwdOf(p));
    const entries = listing(p, path);
    if (entries === null) {
      if (readFile(p, path) !== null) {
        parts.push(`${t}\n`);
        continue;
      }
      p.err(gnu ? `ls: cannot access '${t}': No such file or directory\n` : `ls: ${t}: No such file or directory\n`);
      status = gnu ? 2 : 1;
      continue;
    }
    const names = flags.has('a') ? ['.', '..', ...entries] : entries.filter((e) => !e.startsWith('.'));
    const body = terminal ? columns(names) : names.map((n) => `${n}\n`).join('');
    parts.push(paths.length > 1 ? `${t}:\n${body}` : body);
  }
  p.out(parts.join(paths.length > 1 ? '\n' : ''));
  return status;
};
