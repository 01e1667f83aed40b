import type { LinkOps } from './types';

/** dummy: takes addresses and routes, and silently drops whatever it is asked to transmit. */
export const dummyOps: LinkOps = {
  kind: 'dummy',
  xmit(k, ns, link, f) {
    if (link.up) k.tap(ns, link, f, 'out');
    return null;
  },
  carrier(_world, _ns, link) {
    return link.up;
  },
  noArp: () => true,
};
