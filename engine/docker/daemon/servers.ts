import { SERVERS } from '../../apps/servers/registry';
import type { LogLine, ServerModule, Socket, StartInfo } from '../../apps/servers/types';
import { bindConflict } from '../../apps/sockets';
import type { DockerCtx } from '../context';
import type { ContainerRec, ImageServer, ImageSpec, MainProcess } from '../types';
import { NGINX_DEFAULT_CONF_IPV6 } from './catalog/nginx-conf';

/**
 * An image's server as a container's main process: recognising it in the command line, opening
 * its sockets in the container's namespace when it starts, and the lines it logs.
 */

function basename(p: string): string {
  return p.split('/').pop() ?? p;
}

/** Options that make a server binary print something and exit instead of serving (nginx -v, redis-server --version). */
const ONE_SHOT = new Set(['-v', '-V', '-t', '-T', '-h', '-?', '--help', '--version', '-s', '--test-memory', '-C']);

/** The image's server, if argv (after the entrypoint) starts it. */
export function serverFor(image: ImageSpec | undefined, args: string[]): ImageServer | null {
  const server = image?.server;
  if (!server) return null;
  const first = args[0] ?? '';
  // redis's and postgres's entrypoints put the server in front of options: `docker run redis --appendonly yes`.
  const runs = server.programs.includes(basename(first)) || (first.startsWith('-') && image.entrypoint?.[0] === 'docker-entrypoint.sh');
  if (!runs) return null;
  if (args.slice(server.programs.includes(basename(first)) ? 1 : 0).some((a) => ONE_SHOT.has(a))) return null;
  return server;
}

export function moduleOf(app: string): ServerModule | undefined {
  return SERVERS.get(app);
}

/** What the server is told about its place: the container's environment, name and addresses. */
export function startInfo(ctx: DockerCtx, c: ContainerRec, server: ImageServer, args: string[]): StartInfo {
  const ips = c.endpoints.flatMap((e) => (e.live?.ip ? [e.live.ip] : []));
  return { now: ctx.world.clock, env: c.config.env, hostname: c.config.hostname, ips, version: server.version, build: server.build, args: args.slice(1) };
}

/**
 * Starts the server in the container's namespace: its sockets become listeners, or the start
 * fails (a port taken on the host network, postgres without a password).
 */
export function startServer(ctx: DockerCtx, c: ContainerRec, server: ImageServer, args: string[]): MainProcess {
  const module = moduleOf(server.app);
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  if (!module?.start || !ns) return { kind: 'daemon', app: server.app };
  const started = module.start(startInfo(ctx, c, server, args));
  if (started.exitCode !== undefined) return { kind: 'failed', exitCode: started.exitCode };
  for (const s of started.sockets) {
    if (bindConflict(ns, s.proto, s.ip, s.port)) return { kind: 'failed', exitCode: 1, taken: { proto: s.proto, ip: s.ip, port: s.port } };
  }
  for (const s of started.sockets) {
    ns.listeners.push({
      proto: s.proto,
      ip: s.ip,
      port: s.port,
      app: { kind: 'app', name: server.app, containerId: c.id, pid: 1, argv: args, version: server.version, ...(started.opts ? { opts: started.opts } : {}) },
    });
  }
  // nginx's entrypoint (10-listen-on-ipv6-by-default.sh) edits default.conf before the server starts.
  if (server.app === 'nginx' && !Object.hasOwn(c.files, '/etc/nginx/conf.d/default.conf')) c.files['/etc/nginx/conf.d/default.conf'] = NGINX_DEFAULT_CONF_IPV6;
  return { kind: 'daemon', app: server.app };
}

/** The lines the main process writes when it starts (or fails to). */
export function serverStartLog(ctx: DockerCtx, c: ContainerRec, server: ImageServer, args: string[]): LogLine[] {
  const module = moduleOf(server.app);
  if (!module?.start) return [];
  const info = startInfo(ctx, c, server, args);
  const p = c.process;
  if (p.kind === 'failed' && p.taken) return module.bindFailure?.(info, p.taken as Socket) ?? [];
  return module.start(info).log;
}

/** Removes every socket the container's processes opened (its main server and servers run with exec). */
export function closeSockets(ctx: DockerCtx, c: ContainerRec): void {
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  if (ns) ns.listeners = ns.listeners.filter((l) => !(l.app.kind === 'app' && l.app.containerId === c.id));
}
