/**
 * What changed between two pictures of the lab: boxes added, boxes whose text changed (a
 * container stopped, a port was published), boxes removed, and new links. The picture
 * highlights them for a moment, so a learner sees what their last command did.
 */
import type { DiagramLayout, PositionedNode } from './layout';

export type Change = 'added' | 'changed';

export interface LayoutChanges {
  nodes: Map<string, Change>;
  edges: Map<string, Change>;
  /** Boxes that are gone, at their old positions (drawn fading out). */
  removed: PositionedNode[];
  /** "Added: web. Changed: eth0." for screen readers and tests; empty when nothing changed. */
  summary: string;
  /**
   * The same in one short line for the caption under the picture: a few names per part, then a
   * count ("Added web.1, web.2 and 7 more · Removed old"). A service with many replicas on a
   * swarm would otherwise make a caption taller than the picture.
   */
  headline: string;
}

/** Names shown per part of the headline before "and N more". */
const HEADLINE_NAMES = 2;

function brief(verb: string, names: readonly string[]): string {
  // "and 1 more" says no more than the name itself would.
  if (names.length <= HEADLINE_NAMES + 1) return `${verb} ${names.join(', ')}`;
  return `${verb} ${names.slice(0, HEADLINE_NAMES).join(', ')} and ${names.length - HEADLINE_NAMES} more`;
}

function signature(placed: PositionedNode): string {
  return JSON.stringify([placed.node.lines, placed.node.containerStyle ?? null]);
}

function nameOf(placed: PositionedNode): string {
  const title = placed.node.lines[0]?.text ?? placed.node.id;
  return placed.node.kind === 'nic' ? `${placed.node.id.split('/')[0]} ${title}` : title;
}

export function diffLayouts(before: DiagramLayout, after: DiagramLayout): LayoutChanges {
  const old = new Map(before.nodes.map((n) => [n.node.id, n]));
  const now = new Set(after.nodes.map((n) => n.node.id));
  const nodes = new Map<string, Change>();
  const added: string[] = [];
  const changed: string[] = [];
  for (const placed of after.nodes) {
    // Ghosts are the goal's, not the lab's: showing or hiding the goal changes nothing in the lab.
    if (placed.node.kind === 'host' || placed.node.ghost) continue;
    const previous = old.get(placed.node.id);
    if (!previous) {
      nodes.set(placed.node.id, 'added');
      added.push(nameOf(placed));
    } else if (signature(previous) !== signature(placed)) {
      nodes.set(placed.node.id, 'changed');
      changed.push(nameOf(placed));
    }
  }
  const removed = before.nodes.filter((n) => n.node.kind !== 'host' && !n.node.ghost && !now.has(n.node.id));
  const oldEdges = new Set(before.edges.map((e) => e.edge.id));
  const edges = new Map<string, Change>();
  for (const placed of after.edges) if (!placed.edge.ghost && !oldEdges.has(placed.edge.id)) edges.set(placed.edge.id, 'added');
  const removedNames = removed.map(nameOf);
  const parts: string[] = [];
  const headline: string[] = [];
  for (const [verb, names] of [['Added', added], ['Changed', changed], ['Removed', removedNames]] as const) {
    if (names.length === 0) continue;
    parts.push(`${verb}: ${names.join(', ')}.`);
    headline.push(brief(verb, names));
  }
  return { nodes, edges, removed, summary: parts.join(' '), headline: headline.join(' · ') };
}
