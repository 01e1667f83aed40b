'use client';

/**
 * Draws the lab as SVG: boxes and links from diagram.ts, positions from elkjs (layout.ts).
 * While a new layout is computed the previous picture stays up, so it never flickers.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { Topology } from '@/engine';
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
import { layoutDiagram, type DiagramLayout, type PositionedEdge, type PositionedNode } from '@/lib/topology/layout';

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
  stopped: { fill: '#1a2030', stroke: '#64748b', dash: '6 4' },
  'host-mode': { fill: '#2d1d06', stroke: '#fbbf24', dash: '8 4' },
  'no-network': { fill: '#1a2030', stroke: '#94a3b8', dash: '2 4' },
  shared: { fill: '#0b2a1a', stroke: '#4ade80', dash: '8 4' },
};

function boxStyle(node: DiagramNode): BoxStyle {
  switch (node.kind) {
    case 'internet':
      return { fill: '#1e293b', stroke: '#64748b' };
    case 'lan':
      return { fill: '#0c2a2c', stroke: '#2dd4bf' };
    case 'host':
      return { fill: '#0f172acc', stroke: '#475569' };
    case 'nic':
      return { fill: '#10224a', stroke: '#60a5fa' };
    case 'bridge':
      return { fill: '#24114d', stroke: '#a78bfa' };
    case 'network':
      return { fill: '#2e0d3d', stroke: '#e879f9' };
    case 'container':
      return CONTAINER_STYLE[node.containerStyle ?? 'running'];
  }
}

const EDGE_STYLE: Record<EdgeStyle, BoxStyle> = {
  uplink: { fill: 'none', stroke: '#64748b' },
  lan: { fill: 'none', stroke: '#2dd4bf' },
  nat: { fill: 'none', stroke: '#60a5fa' },
  veth: { fill: 'none', stroke: '#a78bfa' },
  shared: { fill: 'none', stroke: '#fbbf24', dash: '6 4' },
  isolated: { fill: 'none', stroke: '#f87171', dash: '4 4' },
};

function NodeBox({ placed }: { placed: PositionedNode }) {
  const { node, x, y, width, height } = placed;
  const style = boxStyle(node);
  const isHost = node.kind === 'host';
  return (
    <g data-node-kind={node.kind} data-node-id={node.id}>
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
            fill={TONE_COLOR[line.tone]}
          >
            {line.text}
          </text>
        ))
      )}
    </g>
  );
}

function EdgePath({ placed }: { placed: PositionedEdge }) {
  const { edge, points, label } = placed;
  if (points.length < 2) return null;
  const style = EDGE_STYLE[edge.style];
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  return (
    <g data-edge-style={edge.style}>
      <path d={d} fill="none" stroke={style.stroke} strokeWidth={1.5} strokeDasharray={style.dash} />
      {label ? (
        <g>
          <rect x={label.x} y={label.y} width={label.width} height={label.height} rx={4} fill="#0b1220" stroke={style.stroke} strokeOpacity={0.5} />
          <text x={label.x + 4} y={label.y + label.height - 4} fontSize={11} fill="#e2e8f0">
            {label.text}
          </text>
        </g>
      ) : null}
    </g>
  );
}

/**
 * `fit`: the picture fits its box (scaled down, never up, and not below 85%) — the lab pane. Otherwise it is
 * drawn at its size, shrinking to at most 70% on narrow screens and scrolling beyond that.
 */
export function TopologyDiagram({ topology, summary, fit = false }: { topology: Topology; summary: string; fit?: boolean }) {
  const diagram = useMemo(() => buildDiagram(topology), [topology]);
  const signature = useMemo(() => JSON.stringify(diagram), [diagram]);
  const [layout, setLayout] = useState<{ signature: string; value: DiagramLayout } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const titleId = useId();

  useEffect(() => {
    let current = true;
    layoutDiagram(diagram)
      .then((value) => {
        if (current) {
          setLayout({ signature, value });
          setFailed(null);
        }
      })
      .catch((error: unknown) => {
        if (current) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      current = false;
    };
    // The signature captures everything drawn; identical topologies do not lay out twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  if (failed && !layout) {
    return <p className="p-4 text-sm text-amber-300">The picture could not be drawn ({failed}). The description below is complete.</p>;
  }
  if (!layout) {
    return (
      <p className="p-4 text-sm text-slate-400" role="status">
        Drawing the network…
      </p>
    );
  }
  const { value } = layout;
  const width = Math.ceil(value.width);
  const height = Math.ceil(value.height);
  return (
    <svg
      className="topology-svg block"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      style={
        fit
          ? // Fit the box, but never below 85%: smaller text is unreadable, so the box scrolls instead.
            { width: '100%', height: 'auto', maxWidth: width, minWidth: Math.round(width * 0.85) }
          : // Shrink to fit, but not below 70% (smaller text stops being readable): scroll instead.
            { minWidth: Math.round(width * 0.7) }
      }
      role="img"
      aria-labelledby={titleId}
      data-stale={layout.signature !== signature ? 'true' : undefined}
      fontFamily='ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace'
    >
      <title id={titleId}>{`Network topology: ${summary}`}</title>
      {value.nodes.filter((n) => n.node.kind === 'host').map((placed) => (
        <NodeBox key={placed.node.id} placed={placed} />
      ))}
      {value.edges.map((placed) => (
        <EdgePath key={placed.edge.id} placed={placed} />
      ))}
      {value.nodes.filter((n) => n.node.kind !== 'host').map((placed) => (
        <NodeBox key={placed.node.id} placed={placed} />
      ))}
    </svg>
  );
}
