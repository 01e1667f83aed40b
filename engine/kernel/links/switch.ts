import type { Segment, SwitchPort } from '../types';
import type { LinkRef } from '../addr-index';
import type { Frame } from '../walk-types';
import type { L2, L2Result } from './types';
import { topology } from './topology';

/**
 * An L2 segment: the switch the NICs with `segment === name` are plugged into. Ports are access
 * ports of one VLAN or trunks (the default: every VLAN tagged, VLAN 1 untagged, like an unmanaged
 * switch). Inside the switch every frame belongs to one VLAN; it leaves only by ports of that VLAN,
 * tagged or not as the port says, and never by the port it came in on unless the segment
 * hairpins (reflective relay, what macvlan/ipvlan VEPA needs).
 */

const DEFAULT_VLAN = 1;
const UNMANAGED: SwitchPort = { mode: 'trunk' };

export function portKey(ref: LinkRef): string {
  return `${ref.ns.id}/${ref.link.name}`;
}

function segmentOf(k: L2, name: string): Segment | undefined {
  const all = k.world.segments;
  return all && Object.hasOwn(all, name) ? all[name] : undefined;
}

function portOf(seg: Segment | undefined, ref: LinkRef): SwitchPort {
  const ports = seg?.ports;
  if (!ports) return UNMANAGED;
  const key = portKey(ref);
  return Object.hasOwn(ports, key) ? ports[key]! : UNMANAGED;
}

/** The VLAN a frame belongs to inside the switch, or null when the ingress port refuses it. */
function classify(port: SwitchPort, tag: number | null): number | null {
  if (port.mode === 'access') return tag === null ? port.vlan : null;
  if (tag === null) return port.native ?? DEFAULT_VLAN;
  if (port.vlans && !port.vlans.includes(tag)) return null;
  return tag;
}

/** The tag a frame of `vlan` carries out of a port (null: untagged), or undefined when the port is not in that VLAN. */
function egressTag(port: SwitchPort, vlan: number): number | null | undefined {
  if (port.mode === 'access') return port.vlan === vlan ? null : undefined;
  if (vlan === (port.native ?? DEFAULT_VLAN)) return null;
  if (port.vlans && !port.vlans.includes(vlan)) return undefined;
  return vlan;
}

export function switchForward(k: L2, segment: string, from: LinkRef, f: Frame): L2Result {
  const seg = segmentOf(k, segment);
  const vlan = classify(portOf(seg, from), f.vlan);
  if (vlan === null) return null;
  const ports = topology(k.world).segments.get(segment);
  if (!ports) return null;
  if (!f.dry) f.pkt.lanHops++;
  const tag = f.vlan;
  for (const to of ports) {
    if (!to.link.up || (to.link === from.link && !seg?.hairpin)) continue;
    const out = egressTag(portOf(seg, to), vlan);
    if (out === undefined) continue;
    f.vlan = out;
    const r = k.rx(to.ns, to.link, f);
    f.vlan = tag;
    if (r) return r;
  }
  return null;
}
