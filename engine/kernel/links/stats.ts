import type { Link, LinkStats } from '../types';
import type { Frame } from '../walk-types';

/**
 * Interface counters (`ip -s link`, /sys/class/net/DEV/statistics): every frame a walk moves
 * across a device, as the device's driver counts it: bytes are the Ethernet frame without its
 * FCS (14 header bytes, 4 more for an 802.1q tag, then the ARP body or the IP packet).
 */

export function frameBytes(f: Frame): number {
  return 14 + (f.vlan !== null ? 4 : 0) + (f.arp !== null ? 28 : f.pkt.len);
}

export function countFrame(link: Link, f: Frame, dir: 'in' | 'out'): void {
  const s = (link.stats ??= { rxPackets: 0, rxBytes: 0, rxMcast: 0, txPackets: 0, txBytes: 0 });
  const n = frameBytes(f);
  if (dir === 'in') {
    s.rxPackets++;
    s.rxBytes += n;
    if (f.bcast || '13579bdf'.includes(f.dst.charAt(1))) s.rxMcast++;
  } else {
    s.txPackets++;
    s.txBytes += n;
  }
}

export function statsOf(link: Link): LinkStats {
  return link.stats ?? { rxPackets: 0, rxBytes: 0, rxMcast: 0, txPackets: 0, txBytes: 0 };
}
