/**
 * Lays a Diagram out with elkjs (layered algorithm, top to bottom: Internet → LAN → each host's
 * eth0 → bridges → containers). The layout engine is big (≈1.6 MB) so it is loaded on demand and
 * runs in a Web Worker; coordinates come back absolute (json.shapeCoords/edgeCoords = ROOT).
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { HOST_TITLE_HEIGHT, LINE_HEIGHT, textWidth, type Diagram, type DiagramEdge, type DiagramNode, type DiagramTunnel } from './diagram-parts';

export interface Point {
  x: number;
  y: number;
}

export interface PositionedNode {
  node: DiagramNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PositionedEdge {
  edge: DiagramEdge;
  points: Point[];
  label: { text: string; x: number; y: number; width: number; height: number } | null;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Parents before their children, so drawing in order paints hosts under their contents. */
  nodes: PositionedNode[];
  edges: PositionedEdge[];
  /** Drawn between the laid-out NICs, not laid out (see DiagramTunnel). */
  tunnels: DiagramTunnel[];
}

const LABEL_HEIGHT = LINE_HEIGHT;

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.edgeNode': '16',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

function toElkNode(node: DiagramNode): ElkNode {
  if (node.children) {
    return {
      id: node.id,
      layoutOptions: { 'elk.padding': `[top=${HOST_TITLE_HEIGHT + 8},left=16,bottom=16,right=16]` },
      children: node.children.map(toElkNode),
    };
  }
  return { id: node.id, width: node.width, height: node.height };
}

function toElkEdge(edge: DiagramEdge): ElkExtendedEdge {
  return {
    id: edge.id,
    sources: [edge.source],
    targets: [edge.target],
    labels: edge.label ? [{ id: `${edge.id}/label`, text: edge.label, width: textWidth(edge.label) + 8, height: LABEL_HEIGHT }] : [],
  };
}

/** DOWN suits a tall box (a phone, an inline figure), RIGHT a wide, short one (the lab pane). */
export type LayoutDirection = 'DOWN' | 'RIGHT';

export function toElkGraph(diagram: Diagram, direction: LayoutDirection = 'DOWN'): ElkNode {
  return {
    id: 'root',
    layoutOptions: { ...ROOT_OPTIONS, 'elk.direction': direction },
    children: diagram.nodes.map(toElkNode),
    edges: diagram.edges.map(toElkEdge),
  };
}

/** Reads elk's answer back into our own shapes (absolute coordinates, see ROOT_OPTIONS). */
export function readLayout(diagram: Diagram, laidOut: ElkNode): DiagramLayout {
  const shapes = new Map<string, ElkNode>();
  const edgesOut = new Map<string, ElkExtendedEdge>();
  const visit = (node: ElkNode) => {
    shapes.set(node.id, node);
    for (const edge of node.edges ?? []) edgesOut.set(edge.id, edge);
    for (const child of node.children ?? []) visit(child);
  };
  visit(laidOut);

  const nodes: PositionedNode[] = [];
  const place = (node: DiagramNode) => {
    const shape = shapes.get(node.id);
    if (!shape) return;
    nodes.push({ node, x: shape.x ?? 0, y: shape.y ?? 0, width: shape.width ?? node.width, height: shape.height ?? node.height });
    for (const child of node.children ?? []) place(child);
  };
  diagram.nodes.forEach(place);

  const edges: PositionedEdge[] = diagram.edges.map((edge) => {
    const out = edgesOut.get(edge.id);
    const section = out?.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    const label = out?.labels?.[0];
    if (!label || !edge.label) return { edge, points, label: null };
    const width = label.width ?? textWidth(edge.label) + 8;
    const height = label.height ?? LABEL_HEIGHT;
    // elk reserves room for the label beside the edge (never on it): keep its placement, so a
    // label does not hide the line it names.
    const at = { x: label.x ?? 0, y: label.y ?? 0 };
    return { edge, points, label: { text: edge.label, ...at, width, height } };
  });
  return { width: laidOut.width ?? 0, height: laidOut.height ?? 0, nodes, edges, tunnels: diagram.tunnels };
}

let elk: Promise<ELK> | null = null;

function loadElk(): Promise<ELK> {
  elk ??= (async () => {
    const { default: ElkApi } = await import('elkjs/lib/elk-api');
    if (typeof Worker !== 'undefined') {
      try {
        return new ElkApi({ workerFactory: () => new Worker(new URL('./elk.worker.ts', import.meta.url)) });
      } catch {
        // Workers refused (unusual sandboxes): fall through to the main-thread build.
      }
    }
    const { default: ElkBundled } = await import('elkjs/lib/elk.bundled.js');
    return new ElkBundled();
  })();
  return elk;
}

export async function layoutDiagram(diagram: Diagram, direction: LayoutDirection = 'DOWN'): Promise<DiagramLayout> {
  const engine = await loadElk();
  const laidOut = await engine.layout(toElkGraph(diagram, direction));
  return readLayout(diagram, laidOut);
}
