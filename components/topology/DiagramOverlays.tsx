'use client';

/**
 * What is drawn over the laid-out picture rather than by elk: VXLAN tunnels between VTEPs, the
 * path of an explained packet (numbered boxes, highlighted links, the box where it ended), and an
 * exercise goal's marks (a dashed ring on what is still to do, a tick on what is met).
 */
import { FONT_SIZE, textWidth, type DiagramTunnel } from '@/lib/topology/diagram-parts';
import type { PathOnPicture } from '@/lib/topology/explain-map';
import type { DiagramLayout, PositionedNode } from '@/lib/topology/layout';

export const PATH_COLOR = '#fbbf24';
export const END_COLOR = '#f87171';
export const GOAL_COLOR = '#facc15';

function center(n: PositionedNode) {
  return { x: n.x + n.width / 2, y: n.y + n.height / 2 };
}

/** A tunnel as an arc between two NICs, away from the boxes between them, labelled at its top. */
export function Tunnels({ layout, tunnels }: { layout: DiagramLayout; tunnels: DiagramTunnel[] }) {
  if (tunnels.length === 0) return null;
  const byId = new Map(layout.nodes.map((n) => [n.node.id, n]));
  return (
    <g data-layer="tunnels">
      {tunnels.map((t, index) => {
        const a = byId.get(t.a);
        const b = byId.get(t.b);
        if (!a || !b) return null;
        const ca = center(a);
        const cb = center(b);
        const sideBySide = Math.abs(ca.x - cb.x) >= Math.abs(ca.y - cb.y);
        const bulge = 18 + 12 * (index % 4);
        let d: string;
        let mid: { x: number; y: number };
        if (sideBySide) {
          // Hosts side by side: from the facing sides of the two NICs, arching just above their row
          // (below the hosts' titles), so it crosses no box.
          const [l, r] = ca.x <= cb.x ? [a, b] : [b, a];
          const x1 = l.x + l.width;
          const y1 = l.y + l.height / 2;
          const x2 = r.x;
          const y2 = r.y + r.height / 2;
          const cy = Math.min(y1, y2) - bulge;
          d = `M${x1},${y1} Q${(x1 + x2) / 2},${cy} ${x2},${y2}`;
          mid = { x: (x1 + x2) / 2, y: (y1 + 2 * cy + y2) / 4 };
        } else {
          // Hosts one above the other: from the left of one NIC to the left of the other, arching left.
          const x = Math.min(a.x, b.x);
          const left = x - bulge * 1.5;
          d = `M${a.x},${ca.y} C${left},${ca.y} ${left},${cb.y} ${b.x},${cb.y}`;
          mid = { x: x - bulge * 1.1, y: (ca.y + cb.y) / 2 };
        }
        const width = textWidth(t.label) + 8;
        return (
          <g key={t.id} data-tunnel-id={t.id} data-detail={t.detail}>
            <title>{t.detail}</title>
            <path d={d} fill="none" stroke="#fb923c" strokeWidth={1.75} strokeDasharray="7 4" />
            <rect x={mid.x - width / 2} y={mid.y - 9} width={width} height={16} rx={4} fill="#1c1206" fillOpacity={0.92} stroke="#fb923c" strokeWidth={0.75} />
            <text x={mid.x - width / 2 + 4} y={mid.y + 3} fontSize={FONT_SIZE - 1} fill="#fed7aa">
              {t.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The explained path's links, drawn wide under the picture's own lines. */
export function PathLinks({ layout, path }: { layout: DiagramLayout; path: PathOnPicture }) {
  return (
    <g data-layer="path-links">
      {layout.edges
        .filter((e) => path.edges.has(e.edge.id) && e.points.length >= 2)
        .map((e) => (
          <path
            key={e.edge.id}
            data-path-edge={e.edge.id}
            d={e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke={PATH_COLOR}
            strokeOpacity={0.55}
            strokeWidth={7}
            strokeLinecap="round"
          />
        ))}
    </g>
  );
}

/** Rings and numbers on the boxes the packet visited; the box where it ended is red, with a cross. */
export function PathMarks({ layout, path }: { layout: DiagramLayout; path: PathOnPicture }) {
  return (
    <g data-layer="path-marks">
      {layout.nodes
        .filter((n) => path.order.has(n.node.id))
        .map((n) => {
          const end = path.end === n.node.id;
          const color = end ? END_COLOR : PATH_COLOR;
          const step = path.order.get(n.node.id)!;
          const host = n.node.kind === 'host';
          return (
            <g key={n.node.id} data-path-node={n.node.id} data-path-step={step} data-path-end={end ? 'true' : undefined}>
              <rect x={n.x - 3} y={n.y - 3} width={n.width + 6} height={n.height + 6} rx={10} fill="none" stroke={color} strokeWidth={host ? 2 : 3} />
              <circle cx={n.x + n.width - 2} cy={n.y + 2} r={10} fill={color} />
              <text x={n.x + n.width - 2} y={n.y + 6} fontSize={FONT_SIZE} fontWeight={700} textAnchor="middle" fill="#111827">
                {end ? '✗' : step}
              </text>
            </g>
          );
        })}
    </g>
  );
}

/** The goal's marks on boxes that exist: a dashed ring while still to do, a tick once met. */
export function GoalMarks({ layout }: { layout: DiagramLayout }) {
  return (
    <g data-layer="goal-marks">
      {layout.nodes
        .filter((n) => n.node.goal && !n.node.ghost)
        .map((n) =>
          n.node.goal === 'met' ? (
            <g key={n.node.id} data-goal-node={n.node.id} data-goal="met">
              <circle cx={n.x + 2} cy={n.y + 2} r={9} fill="#166534" stroke="#4ade80" strokeWidth={1} />
              <text x={n.x + 2} y={n.y + 6} fontSize={FONT_SIZE - 1} fontWeight={700} textAnchor="middle" fill="#dcfce7">
                ✓
              </text>
            </g>
          ) : (
            <rect
              key={n.node.id}
              data-goal-node={n.node.id}
              data-goal="unmet"
              x={n.x - 5}
              y={n.y - 5}
              width={n.width + 10}
              height={n.height + 10}
              rx={11}
              fill="none"
              stroke={GOAL_COLOR}
              strokeWidth={1.25}
              strokeDasharray="3 3"
            />
          ),
        )}
    </g>
  );
}
