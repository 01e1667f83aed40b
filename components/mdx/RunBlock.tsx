'use client';

/**
 * A runnable command block (from `<Run>` or a ```sh run fence): the highlighted code, rendered at
 * build time, with a Run button that types each line into the lab's terminal and runs it.
 */
import { useState, type ReactNode } from 'react';
import { useOptionalLab } from '@/components/lab/LabProvider';

function parseCommands(commands: string): string[] {
  try {
    const parsed: unknown = JSON.parse(commands);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

export function RunButton({ lines, compact = false }: { lines: string[]; compact?: boolean }) {
  const lab = useOptionalLab();
  const [state, setState] = useState<'idle' | 'running' | 'ran'>('idle');
  if (!lab || lines.length === 0) return null;
  const run = async () => {
    setState('running');
    await lab.runCommands(lines);
    setState('ran');
  };
  return (
    <button
      type="button"
      className={`btn ${compact ? 'btn-run-inline' : 'btn-run'}`}
      aria-label={`Run: ${lines.join('; ')}`}
      data-run-state={state}
      disabled={state === 'running'}
      onClick={() => void run()}
    >
      <svg aria-hidden="true" viewBox="0 0 12 12" className="h-3 w-3" fill="currentColor">
        <path d="M3 1.8v8.4a.5.5 0 0 0 .77.42l6.3-4.2a.5.5 0 0 0 0-.84l-6.3-4.2A.5.5 0 0 0 3 1.8Z" />
      </svg>
      {state === 'running' ? 'Running…' : 'Run'}
      {state === 'ran' ? <span className="text-emerald-300" aria-hidden="true">✓</span> : null}
    </button>
  );
}

export function RunBlock({ commands, children }: { commands: string; children?: ReactNode }) {
  const lines = parseCommands(commands);
  return (
    <div className="run-block" data-run-block="">
      <div className="run-block-bar">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-400">
          {lines.length > 1 ? `${lines.length} commands` : 'Command'}
        </span>
        <RunButton lines={lines} />
      </div>
      {children}
    </div>
  );
}
