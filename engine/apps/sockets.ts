import type { Listener, NetNs } from '../kernel/types';

/** First and last port a listener holds (a run of docker-proxy sockets for a published range holds many). */
export function listenerPorts(l: Listener): [number, number] {
  return [l.port, l.portEnd ?? l.port];
}

function holds(l: Listener, port: number): boolean {
  return port === l.port || (l.portEnd !== undefined && port > l.port && port <= l.portEnd);
}

/** The container port a docker-proxy sends a connection that arrived on `port` to (runs map one to one). */
export function proxyTargetPort(l: Listener, port: number): number {
  return l.app.kind === 'docker-proxy' ? l.app.targetPort + (port - l.port) : port;
}

/** Sockets one by one, as ss lists them: each run opened into a socket per port. */
export function openListeners(ls: readonly Listener[]): Listener[] {
  if (!ls.some((l) => l.portEnd !== undefined)) return [...ls];
  const out: Listener[] = [];
  for (const l of ls) {
    if (l.portEnd === undefined) {
      out.push(l);
      continue;
    }
    const { portEnd: _end, ...one } = l;
    for (let port = l.port; port <= l.portEnd; port++) {
      const app = l.app.kind === 'docker-proxy' ? { ...l.app, targetPort: proxyTargetPort(l, port) } : l.app;
      out.push({ ...one, port, app });
    }
  }
  return out;
}

/** The socket a connection to ip:port lands on: an exact address bind first, then a wildcard (0.0.0.0, or :: for dual stack). */
export function findListener(ns: NetNs, proto: 'tcp' | 'udp', ip: string, port: number): Listener | undefined {
  return (
    ns.listeners.find((l) => l.proto === proto && holds(l, port) && l.ip === ip) ??
    ns.listeners.find((l) => l.proto === proto && holds(l, port) && (l.ip === '0.0.0.0' || l.ip === '' || l.ip === '::'))
  );
}

/** Whether a new bind of ip:port collides with a socket already there (wildcards take every address of their family; :: takes both). */
export function bindConflict(ns: NetNs, proto: 'tcp' | 'udp', ip: string, port: number): Listener | undefined {
  const wild = (a: string) => a === '0.0.0.0' || a === '' || a === '::';
  return ns.listeners.find((l) => l.proto === proto && holds(l, port) && (l.ip === ip || wild(l.ip) || wild(ip)));
}
