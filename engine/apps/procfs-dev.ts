import { statsOf } from '../kernel/links/stats';
import type { Link, NetNs } from '../kernel/types';

/**
 * Interface counters as files: /proc/net/dev (net/core/net-procfs.c dev_seq_show and
 * dev_seq_printf_stats) and /sys/class/net/DEV/statistics/* (net/core/net-sysfs.c
 * NETSTAT_ENTRY). Same numbers as `ip -s link` (kernel/links/stats.ts): what the walks moved.
 */

/** The statistics directory, in `ls` order. */
export const STAT_FILES = [
  'collisions', 'multicast', 'rx_bytes', 'rx_compressed', 'rx_crc_errors', 'rx_dropped', 'rx_errors', 'rx_fifo_errors',
  'rx_frame_errors', 'rx_length_errors', 'rx_missed_errors', 'rx_nohandler', 'rx_over_errors', 'rx_packets',
  'tx_aborted_errors', 'tx_bytes', 'tx_carrier_errors', 'tx_compressed', 'tx_dropped', 'tx_errors', 'tx_fifo_errors',
  'tx_heartbeat_errors', 'tx_packets', 'tx_window_errors',
] as const;

export function statFile(link: Link, name: string): string | null {
  if (!(STAT_FILES as readonly string[]).includes(name)) return null;
  const s = statsOf(link);
  const v = name === 'rx_bytes' ? s.rxBytes : name === 'rx_packets' ? s.rxPackets : name === 'tx_bytes' ? s.txBytes : name === 'tx_packets' ? s.txPackets : name === 'multicast' ? s.rxMcast : 0;
  return `${v}\n`;
}

const num = (v: number, w: number) => String(v).padStart(w);

/** Every device of the namespace in ifindex order, one line each (errors and drops are always 0 here). */
export function procNetDev(ns: NetNs): string {
  let out =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  const links = [...ns.links].sort((a, b) => a.ifindex - b.ifindex);
  for (const l of links) {
    const s = statsOf(l);
    out +=
      `${l.name.padStart(6)}: ${num(s.rxBytes, 7)} ${num(s.rxPackets, 7)} ${num(0, 4)} ${num(0, 4)} ${num(0, 4)} ${num(0, 5)} ${num(0, 10)} ${num(s.rxMcast, 9)} ` +
      `${num(s.txBytes, 8)} ${num(s.txPackets, 7)} ${num(0, 4)} ${num(0, 4)} ${num(0, 4)} ${num(0, 5)} ${num(0, 7)} ${num(0, 10)}\n`;
  }
  return out;
}
