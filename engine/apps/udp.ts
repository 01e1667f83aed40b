import { roundTrip } from '../kernel/deliver';
import type { NetNs } from '../kernel/types';
import type { AppEnv } from './env';
import { serverFor } from './servers/registry';
import type { Conn } from './servers/types';
import { findListener, proxyTargetPort } from './sockets';

/** One UDP datagram over the packet walk: it reaches whoever listens on the port, or nobody (no reply either way). */
export type UdpResult = 'delivered' | 'no-listener' | 'lost';

export function udpSend(env: AppEnv, from: NetNs, ip: string, port: number, data: string, depth = 0): UdpResult {
  const rt = roundTrip(env.world, from, { proto: 'udp', dst: ip, dport: port });
  if (!rt.there.ok) return 'lost';
  const l = findListener(rt.there.ns, 'udp', rt.there.dst, rt.there.dport ?? port);
  if (!l) return 'no-listener';
  // A published UDP port: docker-proxy sends the datagram on from the host.
  if (l.app.kind === 'docker-proxy') return depth > 3 ? 'lost' : udpSend(env, rt.there.ns, l.app.targetIp, proxyTargetPort(l, rt.there.dport ?? port), data, depth + 1);
  if (l.app.kind === 'app') {
    const conn: Conn = { ns: rt.there.ns, app: l.app, local: { ip: rt.there.dst, port }, peer: { ip: rt.there.src, port: 40000 + (port % 20000) } };
    serverFor(l.app)?.tcp?.(env, conn, data);
  }
  return 'delivered';
}
