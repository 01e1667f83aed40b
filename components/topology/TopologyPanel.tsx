'use client';

/**
 * The live picture of the lab plus its text twin (a disclosure with the same facts in words, for
 * screen readers and for anyone who prefers a list). Loaded lazily, see LazyTopology.tsx.
 */
import { useMemo } from 'react';
import { useLab } from '@/components/lab/LabProvider';
import { useTopology } from '@/components/lab/useTopology';
import { describeTopology } from '@/lib/topology/describe';
import { TopologyDiagram } from './TopologyDiagram';

export default function TopologyPanel({ variant }: { variant: 'pane' | 'inline' }) {
  const { lab, status, terminalReady, generation } = useLab();
  // The picture waits for the terminal: the terminal is what the learner uses first, and the
  // layout engine (a 1.5 MB worker) would compete with it for the CPU on slow machines.
  const topology = useTopology(terminalReady ? lab : null);
  const description = useMemo(() => (topology ? describeTopology(topology) : null), [topology]);

  if (status.kind === 'failed') return null;
  if (!topology || !description) {
    return (
      <p className="p-4 text-sm text-slate-400" role="status">
        Starting the lab…
      </p>
    );
  }
  return (
    <div className="topology" data-variant={variant} data-testid="topology">
      <div className="topology-canvas">
        <TopologyDiagram topology={topology} summary={description.summary} variant={variant} resetKey={generation} />
      </div>
      <details className="topology-text group border-t border-slate-800 px-3 py-2 text-sm text-slate-300">
        <summary className="cursor-pointer select-none rounded text-slate-300 hover:text-white">
          Describe this network in words
        </summary>
        <div className="mt-2 space-y-3" data-testid="topology-text">
          <p>{description.summary}</p>
          {description.hosts.map((host) => (
            <div key={host.heading}>
              <p className="font-semibold text-slate-100">{host.heading}</p>
              <ul className="ml-5 list-disc space-y-1">
                {host.items.map((item, index) => (
                  <li key={index}>{item}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </details>
    </div>
  );
}
