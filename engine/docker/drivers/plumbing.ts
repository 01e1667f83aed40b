import { linkByName } from '../../kernel/netns';
import type { NetNs } from '../../kernel/types';
import { hostNs, type DockerCtx } from '../context';

/** Kernel chores every driver does the same way. */

/** The host kernel's ifindex counter: every new device on this host, in any namespace, takes the next. */
export function nextHostIfindex(ctx: DockerCtx): number {
  const ns = hostNs(ctx);
  const n = ns.nextIfindex;
  ns.nextIfindex++;
  return n;
}

/** The lowest free ethN in a container's namespace (Docker 28 reuses eth0 after a disconnect). */
export function nextIfname(ns: NetNs): string {
  for (let i = 0; ; i++) if (!linkByName(ns, `eth${i}`)) return `eth${i}`;
}

/**
 * The kernel namespace id of one of the daemon's own sandboxes on a host, by the name Docker gives
 * its file in /var/run/docker/netns: `1-<netid[:10]>` (an overlay), `lb_<netid[:9]>`, `ingress_sbox`.
 */
export function sandboxNsId(hostName: string, key: string): string {
  return `netns:${hostName}:${key}`;
}

/** Overlay endpoints' MAC: 02:42 and the IPv4 address (libnetwork drivers/overlay/ov_endpoint.go). */
export function macFromIp(ip: string): string {
  return ['02', '42', ...ip.split('.').map((b) => Number(b).toString(16).padStart(2, '0'))].join(':');
}
