import type { LinkRef } from '../addr-index';
import type { Segment, SwitchPort } from '../segment';
import type { Frame } from '../walk-types';
import type { L2, L2Result } from './types';
import { topology } from './topology';

/**
 * An L2 segment: the switch the NICs with `segment === name` are plugged into, as the WorldSpec
 * describes it (kernel/segment.ts). A port's untagged frames belong to its access (or native)
 * VLAN, or to the segment's untagged LAN; an unmanaged switch (no VLANs configured) carries every
 * tag, a managed one only the tags a trunk lists. Inside the switch every frame belongs to one
 * VLAN; it leaves only by ports of that VLAN, tagged or not as the port says, and never by the
 * port it came in on unless the segment hairpins (reflective relay, what macvlan/ipvlan VEPA needs).
 * A NIC that filters unknown MACs then drops what is not for its own MAC (nicTakes).
 */

/** The untagged LAN of a segment, as a VLAN number inside the switch. */
const UNTAGGED = 0;

function segmentOf(k: L2, name: string): Segment | undefined {
  const all = k.world.segments;
  return all && Object.hasOwn(all, name) ? all[name] : undefined;
}

function portOf(seg: Segment | undefined, ref: LinkRef): SwitchPort | null {
  return seg?.ports.find((p) => p.ns === ref.ns.id && p.ifindex === ref.link.ifindex) ?? null;
}

/** The VLAN a frame belongs to inside the switch, or null when the ingress port refuses it. */
function classify(seg: Segment | undefined, port: SwitchPort | null, tag: number | null): number | null {
  if (tag === null) return port?.vlan ?? UNTAGGED;
  const managed = (seg?.vlans.length ?? 0) > 0;
  if (managed && !(port?.tagged.includes(tag) ?? false)) return null;
  return tag;
}

/**
 * The receiving NIC's own filter. A card normally takes frames for its MAC, broadcasts, and the
 * MACs its driver registered (a macvlan child's, through the unicast filter); one that filters
 * unknown MACs (a cloud VM's, `filtersUnknownMacs`) knows only its own, so frames for macvlan
 * children are lost without a word, unless the card is promiscuous and the segment lets that
 * count (a vSwitch with `allowPromisc: false` ignores it). ipvlan children share the card's MAC.
 */
function nicTakes(seg: Segment | undefined, port: SwitchPort | null, to: LinkRef, f: Frame): boolean {
  if (!port?.filtersUnknownMacs || f.bcast || f.dst === to.link.mac) return true;
  return to.link.promisc === true && (seg?.allowPromisc ?? true);
}

/** The tag a frame of `vlan` carries out of a port (null: untagged), or undefined when the port is not in that VLAN. */
function egressTag(seg: Segment | undefined, port: SwitchPort | null, vlan: number): number | null | undefined {
  if (vlan === (port?.vlan ?? UNTAGGED)) return null;
  if (vlan === UNTAGGED) return undefined;
  const managed = (seg?.vlans.length ?? 0) > 0;
  if (managed && !(port?.tagged.includes(vlan) ?? false)) return undefined;
  return vlan;
}

export function switchForward(k: L2, segment: string, from: LinkRef, f: Frame): L2Result {
  const seg = segmentOf(k, segment);
  const vlan = classify(seg, portOf(seg, from), f.vlan);
  if (vlan === null) return null;
  const ports = topology(k.world).segments.get(segment);
  if (!ports) return null;
  if (!f.dry) f.pkt.lanHops++;
  const tag = f.vlan;
  for (const to of ports) {
    if (!to.link.up || (to.link === from.link && !seg?.hairpin)) continue;
    const port = portOf(seg, to);
    const out = egressTag(seg, port, vlan);
    if (out === undefined || !nicTakes(seg, port, to, f)) continue;
    f.vlan = out;
    const r = k.rx(to.ns, to.link, f);
    f.vlan = tag;
    if (r) return r;
  }
  return null;
}
