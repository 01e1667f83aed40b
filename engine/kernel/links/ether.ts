import type { LinkOps } from './types';
import { switchForward } from './switch';

/** A NIC: what it transmits goes to the switch of its segment. */
export const etherOps: LinkOps = {
  kind: 'ether',
  xmit(k, ns, link, f) {
    if (!link.up) return null;
    k.tap(ns, link, f, 'out');
    if (!link.segment) return null;
    return switchForward(k, link.segment, { ns, link }, f);
  },
  carrier(_world, _ns, link) {
    return link.up;
  },
};
