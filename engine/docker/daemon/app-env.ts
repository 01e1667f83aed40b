import type { AppEnv, EmbeddedQuery, EmbeddedReply, FileStat } from '../../apps/env';
import { HTTPD_INDEX_MTIME } from '../../apps/servers/httpd';
import { NGINX_HTML_MTIME } from '../../apps/servers/nginx';
import type { NetNs } from '../../kernel/types';
import type { DockerCtx } from '../context';
import type { ContainerRec } from '../types';
import type { DockerWorld } from '../world';
import { embeddedLookup, embeddedReverse } from './dns';
import { etcHosts, hostNameservers, resolvConf, usesEmbeddedDns } from './etc-files';
import { imageById } from './images';

/** Caps a container's log so a chatty process cannot fill the lab's save. */
export const MAX_LOG_LINES = 5000;

/** Adds a line to the container's log, with the lab time it was written (`docker logs -t`). */
export function appendLog(c: ContainerRec, line: string, at: number): void {
  // Saves from before timestamps were kept: the old lines get the container's start time.
  if (!Array.isArray(c.logTimes) || c.logTimes.length !== c.logs.length) c.logTimes = c.logs.map(() => c.startedAt ?? c.created);
  c.logs.push(line);
  c.logTimes.push(at);
  if (c.logs.length > MAX_LOG_LINES) {
    const drop = c.logs.length - MAX_LOG_LINES;
    c.logs.splice(0, drop);
    c.logTimes.splice(0, drop);
  }
}

/** The container whose namespace this is (its own sandbox, not a shared host namespace). */
function ownerOf(world: DockerWorld, ns: NetNs): DockerCtx & { c: ContainerRec } | null {
  if (ns.kind !== 'container') return null;
  for (const name of world.hostOrder) {
    const host = world.hosts[name]!;
    for (const id in host.docker.containers) {
      const c = host.docker.containers[id]!;
      if (c.nsId === ns.id && !c.hostConfig.networkMode.startsWith('container:')) return { world, host, c };
    }
  }
  return null;
}

function embeddedDns(world: DockerWorld, ns: NetNs, q: EmbeddedQuery): EmbeddedReply {
  const owner = ownerOf(world, ns);
  if (!owner || !usesEmbeddedDns(owner, owner.c)) return { kind: 'refused' };
  const hostNs = world.netns[owner.host.nsId]!;
  if (q.kind === 'ptr') {
    const name = embeddedReverse(owner, owner.c, q.ip);
    return name ? { kind: 'ptr', name } : { kind: 'forward', fromNs: hostNs, servers: hostNameservers(owner) };
  }
  const ips = embeddedLookup(owner, owner.c, q.name);
  if (ips) return { kind: 'answer', ips };
  // On internal networks the embedded server does not forward to the host's upstreams: SERVFAIL.
  const internalOnly = owner.c.endpoints.every((e) => owner.host.docker.networks[e.networkId]?.internal);
  if (internalOnly) return { kind: 'servfail' };
  const servers = owner.c.hostConfig.dns.length ? owner.c.hostConfig.dns : hostNameservers(owner);
  return { kind: 'forward', fromNs: hostNs, servers };
}

type LogWatcher = (line: string) => void;

/** Clients attached to a container (per world, not saved): what a server logs reaches them as it happens. */
const watchers = new WeakMap<DockerWorld, Map<string, Set<LogWatcher>>>();

/** Calls `fn` with each line a server in the container logs from now on; returns the way to stop. */
export function watchServerLogs(world: DockerWorld, containerId: string, fn: LogWatcher): () => void {
  let byId = watchers.get(world);
  if (!byId) watchers.set(world, (byId = new Map()));
  let set = byId.get(containerId);
  if (!set) byId.set(containerId, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** When the stock pages of the server images were packaged (what their Last-Modified says). */
const PACKAGED: [string, number][] = [
  ['/usr/share/nginx/html/', NGINX_HTML_MTIME],
  ['/usr/local/apache2/htdocs/', HTTPD_INDEX_MTIME],
];
const IMAGE_FILES_MTIME = Date.UTC(2025, 10, 8, 0, 0, 0);

/** A file as the container's processes see it: written in the container, made by the daemon, or the image's. */
function containerFile(world: DockerWorld, containerId: string, path: string): FileStat | null {
  for (const name of world.hostOrder) {
    const host = world.hosts[name]!;
    const c = Object.hasOwn(host.docker.containers, containerId) ? host.docker.containers[containerId]! : undefined;
    if (!c) continue;
    const written = c.startedAt ?? c.created;
    if (Object.hasOwn(c.files, path)) return { text: c.files[path]!, mtime: written };
    const ctx: DockerCtx = { world, host };
    if (path === '/etc/hosts') return { text: etcHosts(ctx, c), mtime: written };
    if (path === '/etc/resolv.conf') return { text: resolvConf(ctx, c), mtime: written };
    if (path === '/etc/hostname') return { text: `${c.config.hostname}\n`, mtime: written };
    const image = imageById(c.imageId);
    if (image && Object.hasOwn(image.files, path)) {
      const packaged = PACKAGED.find(([dir]) => path.startsWith(dir))?.[1];
      return { text: image.files[path]!, mtime: packaged ?? IMAGE_FILES_MTIME };
    }
    return null;
  }
  return null;
}

/** The apps' view of a lab with Docker daemons: nginx logs go to `docker logs`, 127.0.0.11 knows containers. */
export function dockerAppEnv(world: DockerWorld): AppEnv {
  return {
    world,
    log: (containerId, line) => {
      for (const name of world.hostOrder) {
        const c = world.hosts[name]!.docker.containers[containerId];
        if (!c) continue;
        appendLog(c, line, world.clock);
        for (const fn of watchers.get(world)?.get(containerId) ?? []) fn(line);
      }
    },
    embeddedDns: (ns, q) => embeddedDns(world, ns, q),
    readFile: (containerId, path) => containerFile(world, containerId, path),
  };
}
