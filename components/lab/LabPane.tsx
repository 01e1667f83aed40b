'use client';

/**
 * The lab beside a lesson: which lab it is, notices, the terminal tabs and the live topology. On
 * wide screens it is the right-hand panel of a resizable split; on narrow ones a sheet docked to
 * the bottom that can be collapsed, or opened full screen (a Run button brings it back up).
 * "Maximize terminal" gives the terminal the whole pane (and, on wide screens, the whole width).
 */
import { useEffect, useId, useState } from 'react';
import { TerminalTabs } from '@/components/terminal/TerminalTabs';
import { LazyTopology } from '@/components/topology/LazyTopology';
import { useLab } from './LabProvider';
import { LabNoticeBanner } from './LabNoticeBanner';
import { ResetLabButton } from './ResetLabButton';

export type SheetState = 'open' | 'collapsed' | 'full';

export const LAB_TERMINAL_ID = 'lab-terminal';

export function LabPane({ maximized = false, onMaximizedChange }: { maximized?: boolean; onMaximizedChange?: (maximized: boolean) => void }) {
  const lab = useLab();
  const { busy, status, config, continued } = lab;
  const [sheet, setSheet] = useState<SheetState>('open');
  const [showTopology, setShowTopology] = useState(true);
  /** Narrow screens show the terminal or the topology, not both. */
  const [smallView, setSmallView] = useState<'terminal' | 'topology'>('terminal');
  const topologyId = useId();
  const bodyId = useId();
  const exercise = config.label ?? null;
  const labName = exercise ?? 'Lesson lab';

  // A command started (Run button, or typing): make sure the learner can see it.
  useEffect(() => {
    if (busy) {
      setSheet((s) => (s === 'collapsed' ? 'open' : s));
      setSmallView('terminal');
    }
  }, [busy]);

  // Check results must never sit under the sheet: an exercise asks it to step aside.
  useEffect(() => {
    const onReveal = () => setSheet((s) => (s === 'full' ? 'open' : s));
    const onOpen = () => setSheet((s) => (s === 'collapsed' ? 'open' : s));
    // An explained path is drawn on the picture: show it where it does not hide the text (wide screens).
    const onShowTopology = () => {
      if (window.matchMedia('(min-width: 1024px)').matches) setShowTopology(true);
    };
    window.addEventListener('docknet:reveal-article', onReveal);
    window.addEventListener('docknet:open-lab', onOpen);
    window.addEventListener('docknet:show-topology', onShowTopology);
    return () => {
      window.removeEventListener('docknet:reveal-article', onReveal);
      window.removeEventListener('docknet:open-lab', onOpen);
      window.removeEventListener('docknet:show-topology', onShowTopology);
    };
  }, []);

  const toggleMaximized = () => {
    const next = !maximized;
    onMaximizedChange?.(next);
    if (next) setSmallView('terminal');
    setSheet(next ? 'full' : 'open');
    // The terminal takes the keys: that is what the learner wanted more room for.
    window.setTimeout(lab.focusTerminal, 50);
  };

  return (
    <aside
      aria-label="Lab: terminal and topology"
      className="lab-pane"
      data-sheet={sheet}
      data-minimized={sheet === 'collapsed' ? 'true' : 'false'}
      data-maximized={maximized ? 'true' : 'false'}
      data-lab-kind={exercise ? 'exercise' : 'lesson'}
    >
      <div className="lab-toolbar">
        <div className="flex min-w-0 items-center gap-2">
          <span className={`status-dot ${status.kind === 'ready' ? (busy ? 'is-busy' : 'is-ready') : 'is-loading'}`} aria-hidden="true" />
          <h2 className="min-w-12 truncate text-sm font-semibold text-slate-100" data-testid="lab-name">
            {continued ? <span className="lab-continue">Continue exercise</span> : null}
            {labName} <span className="font-normal text-slate-400 max-sm:hidden">· {config.hosts.join(', ')}</span>
          </h2>
          <span className="sr-only" role="status">
            {status.kind === 'loading' ? 'Starting the lab' : busy ? 'A command is running' : ''}
          </span>
        </div>
        <div className="flex items-center gap-1.5">
          {exercise ? (
            <button type="button" className="btn btn-quiet" onClick={lab.activateDefault}>
              <span className="max-sm:hidden">Back to the</span> Lesson lab
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-quiet hidden lg:inline-flex"
            aria-expanded={showTopology && !maximized}
            aria-controls={topologyId}
            disabled={maximized}
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
              setSheet((s) => (s === 'collapsed' ? 'open' : s));
            }}
          >
            Topology
          </button>
          <button type="button" className="btn btn-quiet px-2" aria-pressed={maximized} aria-label={maximized ? 'Restore terminal' : 'Maximize terminal'} title={maximized ? 'Restore terminal' : 'Maximize terminal'} onClick={toggleMaximized}>
            <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
              {maximized ? (
                <path d="M6 2v4H2M10 2v4h4M6 14v-4H2M10 14v-4h4" strokeLinecap="round" strokeLinejoin="round" />
              ) : (
                <path d="M2 6V2h4M14 6V2h-4M2 10v4h4M14 10v4h-4" strokeLinecap="round" strokeLinejoin="round" />
              )}
            </svg>
          </button>
          <ResetLabButton compact />
          <button
            type="button"
            className="btn btn-quiet px-2 lg:hidden"
            aria-pressed={sheet === 'full'}
            aria-label={sheet === 'full' ? 'Exit full screen' : 'Full screen'}
            onClick={() => setSheet((s) => (s === 'full' ? 'open' : 'full'))}
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" className={`h-3.5 w-3.5 ${sheet === 'full' ? 'rotate-180' : ''}`} fill="none" stroke="currentColor" strokeWidth="2">
              <path d="m4 10 4-4 4 4" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
          <button
            type="button"
            className="btn btn-quiet lg:hidden"
            aria-expanded={sheet !== 'collapsed'}
            aria-controls={bodyId}
            onClick={() => setSheet((s) => (s === 'collapsed' ? 'open' : 'collapsed'))}
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" className={`h-3.5 w-3.5 ${sheet === 'collapsed' ? 'rotate-180' : ''}`} fill="none" stroke="currentColor" strokeWidth="2">
              <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span className="max-sm:sr-only">{sheet === 'collapsed' ? 'Open lab' : 'Minimise'}</span>
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
            <section aria-label={`Terminal: ${labName}`} className="lab-terminal" id={LAB_TERMINAL_ID} tabIndex={-1}>
              <TerminalTabs label={labName} />
            </section>
            <p className="lab-hint">
              Tab completes · ↑ history · Ctrl-R searches · Ctrl-C stops · <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the terminal
            </p>
            <section
              id={topologyId}
              aria-label="Topology"
              className="lab-topology"
              data-collapsed={showTopology && !maximized ? 'false' : 'true'}
            >
              <LazyTopology variant="pane" />
            </section>
          </>
        )}
      </div>
    </aside>
  );
}
