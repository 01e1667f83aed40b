'use client';

/**
 * The playground: a free lab with no lesson, one to three hosts on a LAN. Each host count keeps
 * its own saved lab, so switching back and forth loses nothing.
 */
import { useEffect, useId, useState } from 'react';
import { LabProvider } from '@/components/lab/LabProvider';
import { LabErrorBoundary } from '@/components/lab/LabErrorBoundary';
import { LabNoticeBanner } from '@/components/lab/LabNoticeBanner';
import { ResetLabButton } from '@/components/lab/ResetLabButton';
import { useLab } from '@/components/lab/LabProvider';
import { TerminalTabs } from '@/components/terminal/TerminalTabs';
import { LazyTopology } from '@/components/topology/LazyTopology';
import { readStorage, writeStorage } from '@/lib/lab/storage';

const HOSTS_KEY = 'docknet:playground:hosts';
const HOST_COUNTS = [1, 2, 3] as const;

function hostNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `host${i + 1}`);
}

function PlaygroundBody({ hostCount, onHostCount }: { hostCount: number; onHostCount: (count: number) => void }) {
  const { status, busy, retry } = useLab();
  const selectId = useId();
  return (
    <div className="playground">
      <div className="playground-toolbar">
        <div className="flex min-w-0 items-center gap-3">
          <span className={`status-dot ${status.kind === 'ready' ? (busy ? 'is-busy' : 'is-ready') : 'is-loading'}`} aria-hidden="true" />
          <h1 className="text-base font-semibold text-white">Playground</h1>
          <p className="hidden text-sm text-slate-400 md:block">A free lab: try anything, nothing here is graded.</p>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="text-sm text-slate-300">
            Hosts
          </label>
          <select
            id={selectId}
            className="rounded-lg border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-100"
            value={hostCount}
            onChange={(event) => onHostCount(Number(event.target.value))}
          >
            {HOST_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n === 1 ? '1 host' : `${n} hosts`}
              </option>
            ))}
          </select>
          <ResetLabButton what="an empty lab" />
        </div>
      </div>
      <LabNoticeBanner />
      {status.kind === 'failed' ? (
        <div className="m-4 rounded-lg border border-red-500/40 bg-red-950/40 p-4 text-sm text-red-100" role="alert">
          <p>{status.message}</p>
          <button type="button" className="btn btn-primary mt-3" onClick={retry}>
            Try again
          </button>
        </div>
      ) : (
        <LabErrorBoundary className="playground-grid">
          <div className="playground-grid">
            <section aria-label="Terminal" className="playground-terminal">
              <TerminalTabs autoFocus />
            </section>
            <section aria-labelledby="playground-topology" className="playground-topology">
              <h2 id="playground-topology" className="border-b border-slate-800 px-3 py-2 text-sm font-semibold text-slate-200">
                Topology
              </h2>
              <LazyTopology variant="pane" />
            </section>
          </div>
        </LabErrorBoundary>
      )}
      <p className="lab-hint">
        Tab completes · ↑ history · Ctrl-R searches · Ctrl-C stops · Ctrl-L clears · <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the terminal ·{' '}
        {hostCount > 1 ? (
          <>
            <code>ssh host2</code> moves to another host
          </>
        ) : (
          'choose more hosts to try multi-host networking'
        )}
      </p>
    </div>
  );
}

export function Playground() {
  const [hostCount, setHostCount] = useState<number | null>(null);

  useEffect(() => {
    const saved = Number(readStorage(HOSTS_KEY));
    setHostCount(HOST_COUNTS.includes(saved as 1 | 2 | 3) ? saved : 1);
  }, []);

  if (hostCount === null) {
    return (
      <p className="p-6 text-sm text-slate-400" role="status">
        Starting the lab…
      </p>
    );
  }
  const choose = (count: number) => {
    writeStorage(HOSTS_KEY, String(count));
    setHostCount(count);
  };
  return (
    <LabProvider
      key={hostCount}
      config={{
        labKey: `playground:${hostCount}`,
        hosts: hostNames(hostCount),
        setup: [],
        welcome: 'A free lab with Docker 28. Try: docker run -d --name web -p 8080:80 nginx',
      }}
    >
      <PlaygroundBody hostCount={hostCount} onHostCount={choose} />
    </LabProvider>
  );
}
