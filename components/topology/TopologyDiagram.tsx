'use client';

/**
 * Draws the lab as SVG: boxes and links from diagram.ts, positions from elkjs (layout.ts).
 * While a new layout is computed the previous picture stays up, so it never flickers.
 */
import { useEffect, useId, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import type { CriterionResult, GoalInput, PathExplanation, Topology } from '@/engine';
import {
  FONT_SIZE,
  HOST_TITLE_HEIGHT,
  LINE_HEIGHT,
  PAD_X,
  PAD_Y,
  buildDiagram,
  type ContainerStyle,
  type DiagramNode,
  type EdgeStyle,
  type Tone,
} from '@/lib/topology/diagram';
import { pathOnPicture, type PathOnPicture } from '@/lib/topology/explain-map';
import { withGoal, type GoalSummary } from '@/lib/topology/goal-diagram';
import { GOAL_COLOR, GoalMarks, PathLinks, PathMarks, Tunnels } from './DiagramOverlays';
import { layoutDiagram, type DiagramLayout, type LayoutDirection, type PositionedEdge, type PositionedNode } from '@/lib/topology/layout';
import { diffLayouts, type LayoutChanges } from '@/lib/topology/changes';
import { useZoomPan } from './useZoomPan';

const TONE_COLOR: Record<Tone, string> = {
  title: '#f1f5f9',
  body: '#cbd5e1',
  muted: '#94a3b8',
  port: '#f5b8ff',
  warn: '#fcd34d',
};

interface BoxStyle {
  fill: string;
  stroke: string;
  dash?: string;
}

const CONTAINER_STYLE: Record<ContainerStyle, BoxStyle> = {
  running: { fill: '#0b2a1a', stroke: '#4ade80' },
  stopped: { fill: '#141821', stroke: '#52525b', dash: '6 4' },
  'host-mode': { fill: '#2d1d06', stroke: '#fbbf24', dash: '8 4' },
  'no-network': { fill: '#1a2030', stroke: '#94a3b8', dash: '2 4' },
  shared: { fill: '#0b2a1a', stroke: '#4ade80', dash: '8 4' },
};

const GHOST: BoxStyle = { fill: '#0b1220', stroke: GOAL_COLOR, dash: '5 4' };

function boxStyle(node: DiagramNode): BoxStyle {
  if (node.ghost) return GHOST;
  switch (node.kind) {
    case 'internet':
      return { fill: '#1e293b', stroke: '#64748b' };
    case 'lan':
      return { fill: '#0c2a2c', stroke: '#2dd4bf' };
    case 'machine':
      return { fill: '#10243a', stroke: '#38bdf8' };
    case 'host':
      return { fill: '#0f172acc', stroke: '#475569' };
    case 'nic':
      return { fill: '#10224a', stroke: '#60a5fa' };
    case 'bridge':
      return { fill: '#24114d', stroke: '#a78bfa' };
    case 'network':
      return { fill: '#2e0d3d', stroke: '#e879f9' };
    case 'lan-net':
      return { fill: '#0c2a2c', stroke: '#2dd4bf', dash: '6 3' };
    case 'overlay':
      return { fill: '#2a1606', stroke: '#fb923c' };
    case 'service':
      return { fill: '#06242c', stroke: '#22d3ee' };
    case 'task':
      return { fill: '#0b1220', stroke: '#22d3ee', dash: '4 3' };
    case 'container':
      return CONTAINER_STYLE[node.containerStyle ?? 'running'];
  }
}

const EDGE_STYLE: Record<EdgeStyle, BoxStyle> = {
  uplink: { fill: 'none', stroke: '#64748b' },
  lan: { fill: 'none', stroke: '#2dd4bf' },
  nat: { fill: 'none', stroke: '#60a5fa' },
  routed: { fill: 'none', stroke: '#60a5fa', dash: '3 3' },
  veth: { fill: 'none', stroke: '#a78bfa' },
  shared: { fill: 'none', stroke: '#fbbf24', dash: '6 4' },
  isolated: { fill: 'none', stroke: '#f87171', dash: '4 4' },
  vtep: { fill: 'none', stroke: '#fb923c', dash: '6 3' },
  task: { fill: 'none', stroke: '#22d3ee', dash: '2 3' },
};

/** Boxes that are endpoints of "Why can't A reach B?": containers, hosts (their NIC), LAN machines, the internet. */
const PICKABLE = new Set<DiagramNode['kind']>(['container', 'nic', 'machine', 'internet']);

function NodeBox({ placed, change, picking }: { placed: PositionedNode; change?: 'added' | 'changed' | 'removed'; picking?: boolean }) {
  const { node, x, y, width, height } = placed;
  const style = boxStyle(node);
  const isHost = node.kind === 'host';
  const greyed = node.containerStyle === 'stopped';
  const pickable = picking && !node.ghost && PICKABLE.has(node.kind);
  return (
    <g
      data-node-kind={node.kind}
      data-node-id={node.id}
      data-node-name={node.lines[0]?.text}
      data-change={change}
      data-detached={greyed ? 'true' : undefined}
      data-ghost={node.ghost ? 'true' : undefined}
      data-goal={node.goal}
      data-pickable={pickable ? 'true' : undefined}
      className={change ? `topo-change topo-${change}` : undefined}
      opacity={greyed ? 0.6 : node.ghost ? 0.8 : undefined}
      style={pickable ? { cursor: 'pointer' } : undefined}
    >
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        rx={isHost ? 14 : node.kind === 'internet' ? 22 : 8}
        fill={style.fill}
        stroke={style.stroke}
        strokeWidth={isHost ? 1.5 : 1.25}
        strokeDasharray={style.dash}
      />
      {isHost ? (
        <text x={x + 16} y={y + HOST_TITLE_HEIGHT / 2 + 9} fontSize={14} fontWeight={700} fill={TONE_COLOR.title}>
          {node.lines[0]?.text}
        </text>
      ) : (
        node.lines.map((line, index) => (
          <text
            key={index}
            x={x + PAD_X}
            y={y + PAD_Y + LINE_HEIGHT * index + FONT_SIZE}
            fontSize={FONT_SIZE}
            fontWeight={line.tone === 'title' ? 700 : 400}
            fill={node.ghost ? '#fde68a' : greyed ? TONE_COLOR.muted : TONE_COLOR[line.tone]}
          >
            {line.text}
          </text>
        ))
      )}
    </g>
  );
}

function EdgePath({ placed, change }: { placed: PositionedEdge; change?: 'added' | 'changed' | 'removed' }) {
  const { edge, points, label } = placed;
  if (points.length < 2) return null;
  const style = edge.ghost ? { fill: 'none', stroke: GOAL_COLOR, dash: '5 4' } : EDGE_STYLE[edge.style];
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  return (
    <g
      data-edge-style={edge.style}
      data-edge-id={edge.id}
      data-change={change}
      data-ghost={edge.ghost ? 'true' : undefined}
      data-goal={edge.goal}
      className={change ? `topo-change topo-${change}` : undefined}
    >
      <path d={d} fill="none" stroke={style.stroke} strokeWidth={1.5} strokeDasharray={style.dash} />
      {label ? (
        <g>
          <rect x={label.x} y={label.y} width={label.width} height={label.height} rx={4} fill="#0b1220" fillOpacity={0.85} />
          <text x={label.x + 4} y={label.y + label.height - 4} fontSize={FONT_SIZE} fill="#e2e8f0">
            {label.text}
          </text>
        </g>
      ) : null}
    </g>
  );
}

/** How long what the last command changed stays highlighted. */
const HIGHLIGHT_MS = 2600;
/** Inline pictures shrink to fit the text column, but their text never goes below 11px. */
const MIN_INLINE_SCALE = 11 / FONT_SIZE;

function DiagramContent({
  layout,
  changes,
  path,
  picking,
}: {
  layout: DiagramLayout;
  changes: LayoutChanges | null;
  path: PathOnPicture | null;
  picking: boolean;
}) {
  const nodeChange = (id: string) => changes?.nodes.get(id);
  const edgeChange = (id: string) => changes?.edges.get(id);
  return (
    <>
      {layout.nodes.filter((n) => n.node.kind === 'host').map((placed) => (
        <NodeBox key={placed.node.id} placed={placed} change={nodeChange(placed.node.id)} />
      ))}
      {path ? <PathLinks layout={layout} path={path} /> : null}
      {layout.edges.map((placed) => (
        <EdgePath key={placed.edge.id} placed={placed} change={edgeChange(placed.edge.id)} />
      ))}
      <Tunnels layout={layout} tunnels={layout.tunnels} />
      {layout.nodes.filter((n) => n.node.kind !== 'host').map((placed) => (
        <NodeBox key={placed.node.id} placed={placed} change={nodeChange(placed.node.id)} picking={picking} />
      ))}
      <GoalMarks layout={layout} />
      {path ? <PathMarks layout={layout} path={path} /> : null}
      {/* What the last command removed fades out where it was. */}
      {changes?.removed.map((placed) => (
        <NodeBox key={`removed:${placed.node.id}`} placed={placed} change="removed" />
      ))}
    </>
  );
}

/**
 * What the last command changed, in one line under the picture (never over it: a swarm service
 * with many replicas used to cover the boxes it named). The line is the short headline; the full
 * list is its tooltip and what screen readers hear. `extra` (the goal legend) shares the strip.
 */
function ChangeSummary({ changes, extra }: { changes: LayoutChanges | null; extra?: ReactNode }) {
  const full = changes?.summary ?? '';
  return (
    <div className="topology-strip" data-testid="topology-strip">
      <p className="topology-changes" role="status" data-testid="topology-changes" title={full || undefined}>
        {full ? (
          <>
            <span aria-hidden="true">{changes?.headline}</span>
            <span className="sr-only">{full}</span>
          </>
        ) : null}
      </p>
      {extra}
    </div>
  );
}

/**
 * The picture. `pane`: fills its box and fits in both directions by default, with zoom and pan.
 * `inline` (in the lesson text): as wide as the column allows, text never under 11px; a picture
 * wider than that scrolls sideways instead of being cut off.
 */
export interface GoalOverlay {
  goal: GoalInput;
  /** The latest report's results; parts whose criteria all pass are drawn solid. */
  criteria: readonly CriterionResult[];
}

export function TopologyDiagram({
  topology,
  summary,
  variant,
  resetKey,
  goal = null,
  explanation = null,
  onPick,
  tools,
  legend,
  onGoalSummary,
}: {
  topology: Topology;
  summary: string;
  variant: 'pane' | 'inline';
  /** A new lab (reset, another exercise): its first picture is not "what changed". */
  resetKey: number;
  /** An exercise's goal, drawn over the lab. */
  goal?: GoalOverlay | null;
  /** A packet path to draw (Lab.explainPath). */
  explanation?: PathExplanation | null;
  /** Clicking an endpoint box (container, host, LAN machine, internet) picks it. */
  onPick?: (nodeId: string) => void;
  /** More buttons for the zoom bar. */
  tools?: ReactNode;
  /** Shown in the strip under the pane's picture, beside what changed (the goal legend). */
  legend?: ReactNode;
  onGoalSummary?: (summary: GoalSummary | null) => void;
}) {
  const base = useMemo(() => buildDiagram(topology, { compact: variant === 'inline' }), [topology, variant]);
  const goaled = useMemo(() => (goal ? withGoal(base, topology, goal.goal, goal.criteria) : null), [base, topology, goal]);
  const diagram = goaled?.diagram ?? base;
  useEffect(() => onGoalSummary?.(goaled?.summary ?? null), [goaled, onGoalSummary]);
  const path = useMemo(() => (explanation ? pathOnPicture(diagram, topology, explanation) : null), [diagram, topology, explanation]);
  const signature = useMemo(() => JSON.stringify(diagram), [diagram]);
  const [layout, setLayout] = useState<{ signature: string; value: DiagramLayout; resetKey: number } | null>(null);
  const [changes, setChanges] = useState<LayoutChanges | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const previous = useRef<{ signature: string; ways: Partial<Record<LayoutDirection, DiagramLayout>>; resetKey: number } | null>(null);
  // In the pane the picture is laid out both ways (left to right, top to bottom) and drawn the
  // way that fits its box with the larger text: a wide lab pane usually reads left to right, a
  // phone or a tall pane top to bottom, and several hosts stack along the box's longer side.
  const frame = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);
  // Hidden (a phone showing the terminal, the pane collapsed): what changed waits to be seen.
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const element = frame.current;
    if (variant !== 'pane' || !element) return;
    const measure = () => {
      const shown = element.clientWidth > 0 && element.clientHeight > 0;
      setVisible(shown);
      if (shown) setBox({ width: element.clientWidth, height: element.clientHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [variant]);
  const [laidOut, setLaidOut] = useState<{ signature: string; ways: Partial<Record<LayoutDirection, DiagramLayout>> } | null>(null);
  const [direction, setDirection] = useState<LayoutDirection>('DOWN');

  useEffect(() => {
    let current = true;
    const ways: LayoutDirection[] = variant === 'pane' ? ['DOWN', 'RIGHT'] : ['DOWN'];
    Promise.all(ways.map((way) => layoutDiagram(diagram, way)))
      .then((values) => {
        if (current) setLaidOut({ signature, ways: Object.fromEntries(ways.map((way, i) => [way, values[i]!])) });
      })
      .catch((error: unknown) => {
        if (current) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      current = false;
    };
    // The signature captures everything drawn; identical topologies do not lay out twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, variant]);

  // Choose the way that fits (staying with the current one unless the other is clearly better).
  useEffect(() => {
    if (!laidOut) return;
    const scaleOf = (l: DiagramLayout | undefined) => (l && box ? Math.min(box.width / Math.max(1, l.width), box.height / Math.max(1, l.height)) : 0);
    const down = scaleOf(laidOut.ways.DOWN);
    const right = scaleOf(laidOut.ways.RIGHT);
    const keep = direction === 'DOWN' ? down : right;
    const other = direction === 'DOWN' ? right : down;
    const chosen: LayoutDirection = laidOut.ways.RIGHT && other > keep * 1.08 ? (direction === 'DOWN' ? 'RIGHT' : 'DOWN') : direction;
    const value = laidOut.ways[chosen] ?? laidOut.ways.DOWN!;
    if (chosen !== direction) setDirection(chosen);
    if (layout?.value === value) return;
    const before = previous.current;
    previous.current = { signature: laidOut.signature, ways: laidOut.ways, resetKey };
    setLayout({ signature: laidOut.signature, value, resetKey });
    setFailed(null);
    // Compared with the last picture laid out the same way: a command that adds many boxes may also
    // turn the picture (a phone's tall box), and the boxes it removed fade out where they were in
    // this direction. Turning alone (the box resized) changed nothing in the lab, and ends any highlight
    // (its fading boxes were placed the other way).
    const comparable = before && before.resetKey === resetKey && before.signature !== laidOut.signature ? before.ways[chosen] : undefined;
    setChanges(comparable ? diffLayouts(comparable, value) : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [laidOut, box, resetKey]);

  // The moment starts when the picture is on screen: on a phone the learner types in the terminal,
  // then turns to the picture to see what the command did.
  useEffect(() => {
    if (!changes || !visible) return;
    const timer = window.setTimeout(() => setChanges(null), HIGHLIGHT_MS);
    return () => window.clearTimeout(timer);
  }, [changes, visible]);

  let body: ReactNode;
  if (failed && !layout) {
    body = <p className="p-4 text-sm text-amber-300">The picture could not be drawn ({failed}). The description below is complete.</p>;
  } else if (!layout) {
    body = (
      <p className="p-4 text-sm text-slate-400" role="status">
        Drawing the network…
      </p>
    );
  } else {
    body = renderLayout(layout.value, layout.signature !== signature);
  }
  return (
    <div ref={frame} className="topology-frame" data-direction={direction}>
      {body}
    </div>
  );

  function renderLayout(value: DiagramLayout, stale: boolean): ReactNode {
    return variant === 'pane' ? (
    <PaneViewport
      layout={value}
      summary={summary}
      stale={stale}
      picture={<DiagramContent layout={value} changes={changes} path={path} picking={onPick !== undefined} />}
      status={<ChangeSummary changes={changes} extra={legend} />}
      onPick={onPick}
      tools={tools}
    />
  ) : (
    <InlineViewport layout={value} summary={summary} stale={stale}>
      <DiagramContent layout={value} changes={changes} path={null} picking={false} />
    </InlineViewport>
  );
  }
}

const SVG_FONT = 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace';

function PaneViewport({
  layout,
  summary,
  stale,
  picture,
  status,
  onPick,
  tools,
}: {
  layout: DiagramLayout;
  summary: string;
  stale: boolean;
  picture: ReactNode;
  status: ReactNode;
  onPick?: (nodeId: string) => void;
  tools?: ReactNode;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const content = { width: Math.ceil(layout.width), height: Math.ceil(layout.height) };
  const zoom = useZoomPan(boxRef, content);
  const titleId = useId();
  const { view, box } = zoom;
  // A click picks a box; a drag pans. Pointer capture (for panning) sends the click to the SVG,
  // so the box under the pointer is remembered when it goes down.
  const press = useRef<{ x: number; y: number; node: string | null } | null>(null);
  const handlers = {
    ...zoom.handlers,
    onPointerDown: (event: ReactPointerEvent<SVGSVGElement>) => {
      const target = (event.target as Element).closest('[data-pickable="true"]');
      press.current = { x: event.clientX, y: event.clientY, node: target?.getAttribute('data-node-id') ?? null };
      zoom.handlers.onPointerDown(event);
    },
    onPointerUp: (event: ReactPointerEvent<SVGSVGElement>) => {
      zoom.handlers.onPointerUp(event);
      const down = press.current;
      press.current = null;
      if (down?.node && onPick && Math.hypot(event.clientX - down.x, event.clientY - down.y) < 5) onPick(down.node);
    },
  };
  return (
    <div className="topology-viewport">
      <div className="topology-zoom-bar" role="toolbar" aria-label="Zoom the picture">
        {tools}
        <button type="button" className="btn btn-quiet" aria-pressed={zoom.mode === 'fit'} onClick={zoom.fit}>
          Fit
        </button>
        <button type="button" className="btn btn-quiet" aria-pressed={zoom.mode === 'actual'} onClick={zoom.actualSize}>
          Actual size
        </button>
        <button type="button" className="btn btn-quiet px-2" aria-label="Zoom in" onClick={zoom.zoomIn}>
          +
        </button>
        <button type="button" className="btn btn-quiet px-2" aria-label="Zoom out" onClick={zoom.zoomOut}>
          −
        </button>
        <span className="topology-zoom-level" data-testid="topology-zoom">
          {Math.round(view.scale * 100)}%
        </span>
      </div>
      <div ref={boxRef} className="topology-box" data-zoom-mode={zoom.mode}>
        <svg
          className="topology-svg"
          width={box.width || undefined}
          height={box.height || undefined}
          viewBox={zoom.ready ? `${view.x} ${view.y} ${box.width / view.scale} ${box.height / view.scale}` : `0 0 ${content.width} ${content.height}`}
          data-scale={view.scale.toFixed(3)}
          data-content-width={content.width}
          data-content-height={content.height}
          role="img"
          aria-labelledby={titleId}
          data-stale={stale ? 'true' : undefined}
          fontFamily={SVG_FONT}
          {...handlers}
        >
          <title id={titleId}>{`Network topology: ${summary}`}</title>
          {picture}
        </svg>
      </div>
      {status}
    </div>
  );
}

function InlineViewport({ layout, summary, stale, children }: { layout: DiagramLayout; summary: string; stale: boolean; children: ReactNode }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(0);
  const titleId = useId();
  useEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const measure = () => setAvailable(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  const scale = available > 0 ? Math.min(1, Math.max(MIN_INLINE_SCALE, available / width)) : 1;
  const scrolls = width * scale > available + 1;
  return (
    <div
      ref={boxRef}
      className="topology-inline"
      data-scrolls={scrolls ? 'true' : 'false'}
      // A picture wider than the column scrolls; a scrolling region must be reachable by keyboard.
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? 'Topology picture (scrolls sideways)' : undefined}
    >
      <svg
        className="topology-svg block"
        viewBox={`0 0 ${width} ${height}`}
        width={Math.round(width * scale)}
        height={Math.round(height * scale)}
        data-scale={scale.toFixed(3)}
        role="img"
        aria-labelledby={titleId}
        data-stale={stale ? 'true' : undefined}
        fontFamily={SVG_FONT}
      >
        <title id={titleId}>{`Network topology: ${summary}`}</title>
        {children}
      </svg>
    </div>
  );
}
