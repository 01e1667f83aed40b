/**
 * The physical LAN as data: switches ("segments") and the ports NICs plug into. The world
 * builder fills it from the WorldSpec; the switch (links/switch.ts) reads it to decide which
 * ports a frame leaves by, and with which VLAN tag. A NIC (`kind: 'ether'`) names its segment in `link.segment`.
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
  /**
   * The NIC drops unicast frames to MACs other than its own (its macvlan children's included), as
   * cloud VMs' NICs do, unless it is promiscuous (`link.promisc`) and the segment allows that.
   */
  filtersUnknownMacs: boolean;
  /** The NIC starts in promiscuous mode (`ip -d link`: promiscuity 1); `link.promisc` is its state now. */
  promisc: boolean;
}
