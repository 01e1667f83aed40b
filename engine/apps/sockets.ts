import type { Listener, NetNs } from '../kernel/types';

/** The socket a connection to ip:port lands on: an exact address bind first, then 0.0.0.0. */
export function findListener(ns: NetNs, proto: 'tcp' | 'udp', ip: string, port: number): Listener | undefined {
  return (
    ns.listeners.find((l) => l.proto === proto && l.port === port && l.ip === ip) ??
    ns.listeners.find((l) => l.proto === proto && l.port === port && (l.ip === '0.0.0.0' || l.ip === ''))
  );
}
