import type { LinkOps } from './types';
import { topology } from './topology';

/** A veth: what one end transmits, its peer receives (possibly in another namespace). */
export const vethOps: LinkOps = {
  kind: 'veth',
  xmit(k, ns, link, f) {
    if (!link.up) return null;
    const peer = topology(k.world).peerOf.get(link);
    k.tap(ns, link, f, 'out');
    if (!peer || !peer.link.up) return null;
    return k.rx(peer.ns, peer.link, f);
  },
  carrier(world, _ns, link) {
    if (!link.up) return false;
    const peer = topology(world).peerOf.get(link);
    return !!peer && peer.link.up;
  },
};
