import { debianSystemFile } from '../apps/os-files';
import { kernelFile } from '../apps/procfs';
import { containerOf, daemonOf, nsOf, type Proc } from './types';

/** The few files a learner reads: generated from live state where Docker or the kernel generates them. */
export function readFile(p: Proc, path: string): string | null {
  const w = p.rt.world;
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
  const files = p.ctx.kind === 'host' ? w.hosts[p.ctx.host]?.files : w.machines[p.ctx.host]?.files;
  if (files && Object.hasOwn(files, path)) return files[path]!;
  return debianSystemFile(path);
}

export function writeFile(p: Proc, path: string, text: string, append: boolean): string | null {
  if (path === '/dev/null') return null;
  if (path.startsWith('/proc/')) return `can't create ${path}: Read-only file system`;
  const w = p.rt.world;
  let files: Record<string, string> | undefined;
  if (p.ctx.kind === 'container') files = containerOf(p)?.files;
  else if (p.ctx.kind === 'host') files = w.hosts[p.ctx.host]?.files;
  else files = w.machines[p.ctx.host]?.files;
  if (!files) return `can't create ${path}: No such file or directory`;
  files[path] = append ? (files[path] ?? readFile(p, path) ?? '') + text : text;
  return null;
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

export function isDirectory(path: string): boolean {
  return DIRECTORIES.has(path);
}
