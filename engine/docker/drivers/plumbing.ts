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
