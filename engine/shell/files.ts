import { debianSystemFile } from '../apps/os-files';
import { kernelFile } from '../apps/procfs';
import { containerOf, daemonOf, nsOf, type Place } from './types';

/** The few files a learner reads: generated from live state where Docker or the kernel generates them. */
export function readFile(p: Place, path: string): string | null {
  const ns = nsOf(p);
  if (path === '/dev/null') return '';
  // /proc/net/route, /sys/class/net/*/iflink...: the kernel writes them from the namespace.
  const generated = ns && (path.startsWith('/proc/') || path.startsWith('/sys/')) ? kernelFile(ns, path) : null;
  if (generated !== null) return generated;
  if (p.ctx.kind === 'container') {
    const c = containerOf(p);
    const d = daemonOf(p);
    if (!c || !d) return null;
    if (Object.hasOwn(c.files, path)) return c.files[path]!;
    // The daemon's files (/etc/hosts, resolv.conf, hostname), then the image's own.
    return d.containerFile(c, path);
  }
  const files = filesOf(p);
  if (files && Object.hasOwn(files, path)) return files[path]!;
  return debianSystemFile(path);
}

/** The lab's limit on one file: 1 MiB of text (a save must stay small). */
export const MAX_FILE = 1 << 20;

/** The file map of the place (a container's, a host's, a machine's). */
function filesOf(p: Place): Record<string, string> | undefined {
  const w = p.rt.world;
  if (p.ctx.kind === 'container') return containerOf(p)?.files;
  if (p.ctx.kind === 'host') return Object.hasOwn(w.hosts, p.ctx.host) ? w.hosts[p.ctx.host]!.files : undefined;
  return Object.hasOwn(w.machines, p.ctx.host) ? w.machines[p.ctx.host]!.files : undefined;
}

export type WriteProblem = 'nodir' | 'isdir' | 'readonly' | 'toolarge';

/** Creates, truncates or appends to a file; the reason it cannot, as a code the shell words itself. */
export function writeFileCode(p: Place, path: string, text: string, append: boolean): WriteProblem | null {
  if (path === '/dev/null') return null;
  if (path.startsWith('/proc/') || path.startsWith('/sys/')) return 'readonly';
  if (isDirectory(p, path)) return 'isdir';
  const files = filesOf(p);
  if (!files) return 'nodir';
  const next = append ? (Object.hasOwn(files, path) ? files[path]! : (readFile(p, path) ?? '')) + text : text;
  if (next.length > MAX_FILE) return 'toolarge';
  files[path] = next;
  return null;
}

/** The same, with the text a program prints (`can't create …`). */
export function writeFile(p: Place, path: string, text: string, append: boolean): string | null {
  const problem = writeFileCode(p, path, text, append);
  switch (problem) {
    case null:
      return null;
    case 'readonly':
      return `can't create ${path}: Read-only file system`;
    case 'isdir':
      return `can't create ${path}: Is a directory`;
    case 'toolarge':
      return `sim: ${path}: the file would be larger than the lab's limit of 1 MiB`;
    case 'nodir':
      return `can't create ${path}: No such file or directory`;
  }
}

/** Resolves a path against a working directory, folding "." and "..". */
export function absolutePath(path: string, cwd = '/root'): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

const DIRECTORIES = new Set([
  '/', '/bin', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys',
  '/tmp', '/usr', '/var', '/usr/bin', '/usr/local', '/usr/local/bin', '/usr/share', '/var/log', '/var/lib', '/var/lib/docker',
  '/etc/nginx', '/etc/nginx/conf.d', '/usr/share/nginx', '/usr/share/nginx/html', '/proc/sys', '/proc/sys/net', '/proc/sys/net/ipv4',
  '/etc/docker', '/var/run', '/docker-entrypoint.d',
]);

/** Whether `path` is a directory here: a standard one, the container's WORKDIR and its parents, or one that holds a file. */
export function isDirectory(p: Place, path: string): boolean {
  if (DIRECTORIES.has(path)) return true;
  const workdir = containerOf(p)?.config.workingDir;
  if (workdir && (workdir === path || workdir.startsWith(`${path}/`))) return true;
  const files = filesOf(p);
  if (!files) return false;
  const prefix = `${path}/`;
  for (const f of Object.keys(files)) if (f.startsWith(prefix)) return true;
  return false;
}

/** The names in a directory (for globbing), or null if it is not one. */
export function listDir(p: Place, path: string): string[] | null {
  if (!isDirectory(p, path)) return null;
  const prefix = path === '/' ? '/' : `${path}/`;
  const names = new Set<string>();
  const add = (full: string) => {
    if (full.startsWith(prefix) && full.length > prefix.length) names.add(full.slice(prefix.length).split('/')[0]!);
  };
  for (const d of DIRECTORIES) add(d);
  const workdir = containerOf(p)?.config.workingDir;
  if (workdir) add(workdir);
  for (const f of Object.keys(filesOf(p) ?? {})) add(f);
  if (path === '/etc') for (const f of ['hosts', 'hostname', 'resolv.conf', 'os-release']) names.add(f);
  return [...names];
}
