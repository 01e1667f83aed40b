import type { Link, NetNs } from './types';

/**
 * The physical LAN as data: switches ("segments") and the ports NICs plug into. The world
 * builder fills it from the WorldSpec; the packet walk reads it to decide which broadcast
 * domain a frame lands in. A NIC (`kind: 'ether'`) names its segment in `link.segment`.
 */

export interface Segment {
  name: string;
  /**
   * VLAN ids the switch is configured with. Empty: an unmanaged switch, which carries every
   * 802.1q tag from every port (VLAN n is still its own broadcast domain). Not empty: a managed
   * switch, where an access port drops tagged frames and a trunk carries only the VLANs it lists.
   */
  vlans: number[];
  /** The switch sends a frame back out of the port it came in on (a reflective relay, as macvlan/ipvlan vepa needs). */
  hairpin: boolean;
  /** A NIC in promiscuous mode receives frames for other MACs (false: a vSwitch that ignores promisc, as most clouds do). */
  allowPromisc: boolean;
  ports: SwitchPort[];
}

/** Where one NIC (namespace + ifindex) plugs into a segment. */
export interface SwitchPort {
  ns: string;
  ifindex: number;
  /** The VLAN untagged frames belong to (access VLAN, or a trunk's native VLAN); null: the segment's untagged LAN. */
  vlan: number | null;
  /** VLANs the port carries tagged (a trunk); empty for an access port. */
  tagged: number[];
  /** The NIC drops frames to MACs other than its own (and the host's macvlan children's), as cloud VMs' NICs do, unless promiscuous. */
  filtersUnknownMacs: boolean;
  /** The NIC starts in promiscuous mode (`ip -d link`: promiscuity 1). */
  promisc: boolean;
}

/** What these helpers read of the world (kernel/world.ts's NetWorld has it). */
export interface Switches {
  segments: Record<string, Segment>;
}

export interface PortRef {
  segment: Segment;
  port: SwitchPort | null;
}

/** The segment and port a NIC is plugged into; null for a link on no segment. */
export function switchPortOf(world: Switches, ns: NetNs, link: Link): PortRef | null {
  if (link.segment === null || !Object.hasOwn(world.segments, link.segment)) return null;
  const segment = world.segments[link.segment]!;
  const port = segment.ports.find((p) => p.ns === ns.id && p.ifindex === link.ifindex) ?? null;
  return { segment, port };
}

const vlanDomain = (segment: string, vlan: number | null) => (vlan === null ? `seg:${segment}` : `seg:${segment}:vlan${vlan}`);

/** Where an untagged frame from this NIC lands: its segment's LAN, or the port's access VLAN. */
export function untaggedDomain(world: Switches, ns: NetNs, link: Link): string {
  const ref = switchPortOf(world, ns, link);
  if (!ref) return link.segment ? `seg:${link.segment}` : `iso:${ns.id}:${link.ifindex}`;
  return vlanDomain(ref.segment.name, ref.port?.vlan ?? null);
}

/**
 * Where a frame this NIC sends with 802.1q tag `vid` (from a vlan device such as eth0.50) lands.
 * A managed switch drops it unless the port is a trunk for that VLAN.
 */
export function taggedDomain(world: Switches, ns: NetNs, link: Link, vid: number): string {
  const ref = switchPortOf(world, ns, link);
  if (!ref) return `${untaggedDomain(world, ns, link)}:vlan${vid}`;
  const managed = ref.segment.vlans.length > 0;
  if (managed && !(ref.port?.tagged.includes(vid) ?? false)) return `iso:${ns.id}:${link.ifindex}:vlan${vid}`;
  return vlanDomain(ref.segment.name, vid);
}
