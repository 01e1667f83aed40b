'use client';

/**
 * A runnable command block (from `<Run>` or a ```sh run fence): the highlighted code, rendered at
 * build time, with a Run button that types each line into the lab's terminal and runs it.
 *
 * The block names where it runs (its host, and the container shell an earlier block entered).
 * `host` is the terminal tab it types into (```sh run host=host2): Run switches the pane to that
 * host's tab first. Without one, the lab's first host's.
 * If the terminal is somewhere else (inside a container shell, ssh'ed to another host), Run says
 * so and offers to exit first or to use a new tab on the host. A Run pressed while a command runs
 * waits in line, visibly; a Run is marked done (✓, kept across reloads) only once its lines ran.
 */
import { useId, useState, type ReactNode } from 'react';
import { useOptionalLab, type RunOptions } from '@/components/lab/LabProvider';
import { useRunSteps } from '@/components/lab/useRunSteps';
import { markRunStep } from '@/lib/lab/run-steps';
import { describePlace, type RunPlace } from '@/lib/terminal/describe-place';
import { useExerciseScope } from './exercise-scope';
import { parseCommands } from '@/lib/lab/exercise-lab';

type RunState = 'idle' | 'queued' | 'running' | 'ran' | 'not-run';

interface Mismatch {
  text: string;
  /** The terminal is somewhere the block is not meant for: leave it, or use a fresh tab. */
  kind: 'leave' | 'enter';
}

export function RunButton({
  lines,
  host,
  where,
  stepId,
  compact = false,
}: {
  lines: string[];
  /** The host whose terminal tab runs the lines. Default: the lab's first. */
  host?: string;
  where?: RunPlace;
  stepId?: string;
  compact?: boolean;
}) {
  const lab = useOptionalLab();
  const scope = useExerciseScope();
  const [state, setState] = useState<RunState>('idle');
  const [mismatch, setMismatch] = useState<Mismatch | null>(null);
  const messageId = useId();
  const target = scope ?? lab?.defaultConfig ?? null;
  const steps = useRunSteps(target?.labKey ?? null);
  if (!lab || !target || lines.length === 0) return null;
  const tab = host ?? target.hosts[0] ?? 'host1';
  const place: RunPlace = where ?? { host: tab, container: null };
  const shown = lab.config.labKey === target.labKey;
  const doneBefore = stepId !== undefined && steps.has(stepId);

  const start = async (options: RunOptions) => {
    setMismatch(null);
    const live = lab.config.labKey === target.labKey ? lab.placeOf(tab) : null;
    setState(live === null || live.busy ? 'queued' : 'running');
    const outcome = await lab.runCommands(lines, { lab: target, host: tab, ...options });
    if (outcome === 'ran') {
      if (stepId) markRunStep(target.labKey, stepId);
      setState('ran');
    } else {
      setState('not-run');
    }
  };

  const press = () => {
    const live = shown ? lab.placeOf(tab) : null;
    if (live && !live.busy) {
      const wantsHost = place.container === null;
      if (wantsHost && (live.container !== null || live.host !== place.host)) {
        setMismatch({
          kind: 'leave',
          text:
            live.container !== null
              ? `Your terminal is inside the container shell of ${live.container} (on ${live.host}); this block runs on ${place.host}'s own shell.`
              : `Your terminal is on ${live.host} (through ssh); this block runs on ${place.host}.`,
        });
        return;
      }
      if (!wantsHost && live.container === null) {
        setMismatch({
          kind: 'enter',
          text: `This block runs inside ${describePlace(place)}, entered by a block above; your terminal is on ${live.host}'s own shell.`,
        });
        return;
      }
    }
    void start({});
  };

  const status =
    state === 'queued'
      ? shown
        ? 'Queued: runs when the command in the terminal ends (Ctrl-C stops it).'
        : 'Starting its lab…'
      : state === 'not-run'
        ? 'Not run: the terminal dropped it (Ctrl-C or a reset). Press Run again.'
        : null;

  return (
    <span className={`run-control ${compact ? 'is-compact' : ''}`}>
      <button
        type="button"
        className={`btn ${compact ? 'btn-run-inline' : 'btn-run'}`}
        aria-label={`Run: ${lines.join('; ')}`}
        aria-describedby={status || mismatch ? messageId : undefined}
        data-run-state={state}
        data-run-done={doneBefore || state === 'ran' ? 'true' : 'false'}
        data-step-id={stepId}
        disabled={state === 'running' || state === 'queued'}
        onClick={press}
      >
        <svg aria-hidden="true" viewBox="0 0 12 12" className="h-3 w-3" fill="currentColor">
          <path d="M3 1.8v8.4a.5.5 0 0 0 .77.42l6.3-4.2a.5.5 0 0 0 0-.84l-6.3-4.2A.5.5 0 0 0 3 1.8Z" />
        </svg>
        {state === 'running' ? 'Running…' : state === 'queued' ? 'Queued' : 'Run'}
        {doneBefore || state === 'ran' ? (
          <span className="text-emerald-300" aria-hidden="true">
            ✓
          </span>
        ) : null}
      </button>
      {status || mismatch ? (
        <span id={messageId} role="status" className="run-message" data-testid="run-message">
          {mismatch ? mismatch.text : status}
          {mismatch ? (
            <span className="run-message-actions">
              {mismatch.kind === 'leave' ? (
                <>
                  <button type="button" className="btn btn-quiet" onClick={() => void start({ exitFirst: true })}>
                    Exit first, then run
                  </button>
                  <button type="button" className="btn btn-quiet" onClick={() => void start({ newTab: true })}>
                    Run in a new {tab} tab
                  </button>
                </>
              ) : (
                <button type="button" className="btn btn-quiet" onClick={() => void start({})}>
                  Run here anyway
                </button>
              )}
              <button type="button" className="btn btn-quiet" onClick={() => setMismatch(null)}>
                Cancel
              </button>
            </span>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}

export function RunBlock({
  commands,
  host,
  where,
  stepId,
  children,
}: {
  commands: string;
  host?: string;
  where?: RunPlace;
  stepId?: string;
  children?: ReactNode;
}) {
  const lines = parseCommands(commands);
  const place = where ?? (host ? { host, container: null } : undefined);
  return (
    <div className="run-block" data-run-block="" data-run-host={host} data-run-place={place ? describePlace(place) : undefined}>
      <div className="run-block-bar">
        <span className="text-xs font-medium tracking-wide text-slate-400">
          <span className="uppercase">{lines.length > 1 ? `${lines.length} commands` : 'Command'}</span>
          {place ? (
            <span className="run-place" data-testid="run-place">
              {' '}
              · {place.container ? 'in ' : 'on '}
              {describePlace(place)}
            </span>
          ) : null}
        </span>
        <RunButton lines={lines} host={host} where={place} stepId={stepId} />
      </div>
      {children}
    </div>
  );
}
