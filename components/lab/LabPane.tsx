'use client';

/**
 * The lab beside a lesson: toolbar, notices, the terminal and the live topology. On wide screens
 * it is a sticky column; on narrow ones a sheet docked to the bottom that can be minimised (a
 * Run button brings it back up).
 */
import { useEffect, useId, useState } from 'react';
import { LazyTerminal } from '@/components/terminal/LazyTerminal';
import { LazyTopology } from '@/components/topology/LazyTopology';
import { useLab } from './LabProvider';
import { LabNoticeBanner } from './LabNoticeBanner';
import { ResetLabButton } from './ResetLabButton';

export function LabPane() {
  const lab = useLab();
  const { busy, status, config } = lab;
  const [minimized, setMinimized] = useState(false);
  const [showTopology, setShowTopology] = useState(true);
  /** Narrow screens show the terminal or the topology, not both. */
  const [smallView, setSmallView] = useState<'terminal' | 'topology'>('terminal');
  const topologyId = useId();
  const bodyId = useId();

  // A command started (Run button, or typing): make sure the learner can see it.
  useEffect(() => {
    if (busy) {
      setMinimized(false);
      setSmallView('terminal');
    }
  }, [busy]);

  return (
    <aside aria-label="Lab: terminal and topology" className="lab-pane" data-minimized={minimized ? 'true' : 'false'}>
      <div className="lab-toolbar">
        <div className="flex min-w-0 items-center gap-2">
          <span className={`status-dot ${status.kind === 'ready' ? (busy ? 'is-busy' : 'is-ready') : 'is-loading'}`} aria-hidden="true" />
          <h2 className="min-w-12 truncate text-sm font-semibold text-slate-100">
            {config.label ?? 'Lab'} <span className="font-normal text-slate-400">· {config.hosts.join(', ')}</span>
          </h2>
          <span className="sr-only" role="status">
            {status.kind === 'loading' ? 'Starting the lab' : busy ? 'A command is running' : ''}
          </span>
        </div>
        <div className="flex items-center gap-1.5">
          <button
            type="button"
            className="btn btn-quiet hidden lg:inline-flex"
            aria-expanded={showTopology}
            aria-controls={topologyId}
            onClick={() => setShowTopology((v) => !v)}
          >
            {showTopology ? 'Hide topology' : 'Show topology'}
          </button>
          <button
            type="button"
            className="btn btn-quiet lg:hidden"
            aria-pressed={smallView === 'topology'}
            onClick={() => {
              setSmallView((v) => (v === 'terminal' ? 'topology' : 'terminal'));
              setMinimized(false);
            }}
          >
            Topology
          </button>
          {config.label ? (
            <button type="button" className="btn btn-quiet" onClick={lab.activateDefault}>
              Lesson lab
            </button>
          ) : null}
          <ResetLabButton what={config.label ? "this exercise's starting lab" : undefined} compact />
          <button
            type="button"
            className="btn btn-quiet lg:hidden"
            aria-expanded={!minimized}
            aria-controls={bodyId}
            onClick={() => setMinimized((v) => !v)}
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" className={`h-3.5 w-3.5 ${minimized ? 'rotate-180' : ''}`} fill="none" stroke="currentColor" strokeWidth="2">
              <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span className="max-sm:sr-only">{minimized ? 'Open lab' : 'Minimise'}</span>
          </button>
        </div>
      </div>
      <div id={bodyId} className="lab-body" data-small-view={smallView}>
        <LabNoticeBanner />
        {status.kind === 'failed' ? (
          <div className="m-3 rounded-lg border border-red-500/40 bg-red-950/40 p-4 text-sm text-red-100" role="alert">
            <p>{status.message}</p>
            <button type="button" className="btn btn-primary mt-3" onClick={lab.retry}>
              Try again
            </button>
          </div>
        ) : (
          <>
            <section aria-label="Terminal" className="lab-terminal">
              <LazyTerminal />
            </section>
            <p className="lab-hint">
              Tab completes · ↑ history · Ctrl-R searches · Ctrl-C stops · <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the terminal
            </p>
            <section id={topologyId} aria-label="Topology" className="lab-topology" data-collapsed={showTopology ? 'false' : 'true'}>
              <LazyTopology variant="pane" />
            </section>
          </>
        )}
      </div>
    </aside>
  );
}
