import type { Listener, NetNs } from '../kernel/types';

/** The socket a connection to ip:port lands on: an exact address bind first, then a wildcard (0.0.0.0, or :: for dual stack). */
export function findListener(ns: NetNs, proto: 'tcp' | 'udp', ip: string, port: number): Listener | undefined {
  return (
    ns.listeners.find((l) => l.proto === proto && l.port === port && l.ip === ip) ??
    ns.listeners.find((l) => l.proto === proto && l.port === port && (l.ip === '0.0.0.0' || l.ip === '' || l.ip === '::'))
  );
}

/** Whether a new bind of ip:port collides with a socket already there (wildcards take every address of their family; :: takes both). */
export function bindConflict(ns: NetNs, proto: 'tcp' | 'udp', ip: string, port: number): Listener | undefined {
  const wild = (a: string) => a === '0.0.0.0' || a === '' || a === '::';
  return ns.listeners.find((l) => l.proto === proto && l.port === port && (l.ip === ip || wild(l.ip) || wild(ip)));
}
