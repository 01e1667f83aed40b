/**
 * The pieces of a topology diagram: boxes with lines of text, links, tunnels and their ids, sized
 * for a 12px monospace font. diagram.ts (one host's boxes), swarm-diagram.ts (overlays, services)
 * and goal-diagram.ts (an exercise's goal as ghosts) build diagrams from them.
 */

export type NodeKind =
  | 'internet'
  | 'lan'
  | 'machine'
  | 'host'
  | 'nic'
  | 'bridge'
  | 'network'
  /** A macvlan/ipvlan network: its children sit on the LAN segment (on their VLAN), not behind a bridge. */
  | 'lan-net'
  | 'container'
  /** Swarm: an overlay network across the hosts that have it, a service, a task without a container yet. */
  | 'overlay'
  | 'service'
  | 'task';
export type Tone = 'title' | 'body' | 'muted' | 'port' | 'warn';
export type ContainerStyle = 'running' | 'stopped' | 'host-mode' | 'no-network' | 'shared';
/** routed: an ipvlan l3/l3s network, reached through its host's routing (not NAT, not the LAN). */
export type EdgeStyle = 'uplink' | 'lan' | 'nat' | 'routed' | 'veth' | 'shared' | 'isolated' | 'vtep' | 'task';
/** How a part of an exercise's goal stands: met (drawn solid, ticked) or still to do (a ghost when it does not exist yet). */
export type GoalMark = 'met' | 'unmet';

export interface TextLine {
  text: string;
  tone: Tone;
}

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  lines: TextLine[];
  width: number;
  height: number;
  containerStyle?: ContainerStyle;
  children?: DiagramNode[];
  /** Part of an exercise's goal (see goal-diagram.ts). */
  goal?: GoalMark;
  /** Drawn from the goal only: it does not exist in the lab yet. */
  ghost?: boolean;
}

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  style: EdgeStyle;
  label: string | null;
  goal?: GoalMark;
  ghost?: boolean;
}

/**
 * A VXLAN tunnel between two VTEPs (hosts' NICs). Not laid out by elk (a link between two hosts
 * would pull one host below the other): drawn over the picture between the two boxes.
 */
export interface DiagramTunnel {
  id: string;
  a: string;
  b: string;
  /** Short, drawn on the line: "VXLAN 4097". */
  label: string;
  /** In full, for the tooltip: "VXLAN tunnel, VNI 4097: host2 (192.168.1.12) ⇄ host3 (192.168.1.13)". */
  detail: string;
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  tunnels: DiagramTunnel[];
}

export const FONT_SIZE = 12;
export const CHAR_WIDTH = 7.3;
export const LINE_HEIGHT = 16;
export const PAD_X = 10;
export const PAD_Y = 8;
/** Room above a host's children for its title. */
export const HOST_TITLE_HEIGHT = 30;

export function textWidth(text: string): number {
  return Math.ceil(text.length * CHAR_WIDTH);
}

export function box(id: string, kind: NodeKind, lines: TextLine[], extra: Partial<DiagramNode> = {}): DiagramNode {
  const width = Math.max(96, ...lines.map((line) => textWidth(line.text))) + PAD_X * 2;
  const height = lines.length * LINE_HEIGHT + PAD_Y * 2;
  return { id, kind, lines, width, height, ...extra };
}

export const title = (text: string): TextLine => ({ text, tone: 'title' });
export const body = (text: string): TextLine => ({ text, tone: 'body' });
export const muted = (text: string): TextLine => ({ text, tone: 'muted' });

export function nicId(host: string): string {
  return `${host}/eth0`;
}

export function networkNodeId(host: string, networkId: string): string {
  return `${host}/net/${networkId}`;
}

export function containerNodeId(host: string, containerId: string): string {
  return `${host}/ctr/${containerId}`;
}
