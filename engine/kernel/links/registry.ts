import type { LinkKind } from '../types';
import type { LinkOps } from './types';
import { bridgeOps } from './bridge';
import { dummyOps } from './dummy';
import { etherOps } from './ether';
import { ipvlanOps } from './ipvlan';
import { loopbackOps } from './loopback';
import { macvlanOps } from './macvlan';
import { vethOps } from './veth';
import { vlanOps } from './vlan';
import { vxlanOps } from './vxlan';

/** Every link kind the kernel knows, one line each: a new kind is a file and a line here. */
export const LINK_KINDS: Record<LinkKind, LinkOps> = {
  loopback: loopbackOps,
  ether: etherOps,
  veth: vethOps,
  bridge: bridgeOps,
  vlan: vlanOps,
  macvlan: macvlanOps,
  ipvlan: ipvlanOps,
  vxlan: vxlanOps,
  dummy: dummyOps,
};

/** Kinds that claim frames arriving on their lower device, in the order the kernel asks them (802.1q untagging first). */
export const UPPER_KINDS: LinkOps[] = Object.values(LINK_KINDS).filter((o) => o.lowerInput);

export function opsOf(kind: LinkKind): LinkOps {
  return LINK_KINDS[kind];
}
