import type { LinkOps } from './types';

/** lo: what it transmits comes straight back in (captures see it once, as "In"). */
export const loopbackOps: LinkOps = {
  kind: 'loopback',
  xmit(k, ns, link, f) {
    if (!link.up) return null;
    k.tap(ns, link, f, 'in');
    return k.up(ns, link, f);
  },
  carrier(_world, _ns, link) {
    return link.up;
  },
  noArp: () => true,
};
