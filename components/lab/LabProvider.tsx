'use client';

/**
 * One simulated lab per page: loads the engine (lazily, it is not part of the first load),
 * restores the learner's saved lab or builds the lesson's starting lab, binds the terminal's
 * shell to a session, saves after every change, and resets on request.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Lab, Session } from '@/engine';
import { parseSetupLines } from '@/lib/content/lab-setup';
import { forgetLab, loadSavedLab, saveLab } from '@/lib/lab/saved-lab';
import type { AttachOptions, InteractiveShell } from '@/lib/terminal/shell';
import { loadEngine } from './load-engine';
import { afterSave, newSaveWatch, type LabNotice } from './save-notice';

export interface LabConfig {
  /** Storage key: "lesson:<slug>", "lesson:<slug>:exercise:<id>", "playground:<hosts>". */
  labKey: string;
  hosts: string[];
  setup: string[];
  /** What the lab is for, shown in the pane ("Exercise: …"); the lesson's lab has none. */
  label?: string;
  /** A dim line greeting the learner in a fresh lab. */
  welcome?: string;
}

export type LabStatus = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };

export type { LabNotice } from './save-notice';

interface LabInstance {
  config: LabConfig;
  lab: Lab;
  session: Session;
  attach: AttachOptions;
  /** Increments with every new lab (first load, reset), so views know to start over. */
  generation: number;
}

export interface LabContextValue {
  /** The lab shown now: the page's own, or an exercise's after activate(). */
  config: LabConfig;
  /** Switches the pane to another lab (an exercise's), saving the current one first. */
  activate(config: LabConfig): void;
  /** Back to the page's own lab. */
  activateDefault(): void;
  status: LabStatus;
  lab: Lab | null;
  generation: number;
  notice: LabNotice | null;
  dismissNotice(): void;
  /** The terminal shows a prompt and takes keys. */
  terminalReady: boolean;
  /** A command is running in the terminal. */
  busy: boolean;
  /** Commands finished in the terminal since the page loaded (tests wait on it). */
  commandsDone: number;
  noteCommandDone(): void;
  reset(): Promise<void>;
  retry(): void;
  /** Types the lines into the terminal and runs them in order (queued until it is ready). */
  runCommands(lines: readonly string[]): Promise<void>;
  registerShell(shell: InteractiveShell | null): void;
  setBusy(busy: boolean): void;
  scheduleSave(): void;
  focusTerminal(): void;
  registerFocus(focus: (() => void) | null): void;
}

const LabContext = createContext<LabContextValue | null>(null);

export function useLab(): LabContextValue {
  const value = useContext(LabContext);
  if (!value) throw new Error('useLab() must be used inside <LabProvider>');
  return value;
}

/** Same as useLab, but null outside a lab (MDX components used on a page without one). */
export function useOptionalLab(): LabContextValue | null {
  return useContext(LabContext);
}

type Engine = typeof import('@/engine');

function specOf(config: LabConfig): string {
  return JSON.stringify({ hosts: config.hosts, setup: config.setup });
}

/** The lesson's starting lab: setup runs at instant pacing, then the lab continues in real time. */
async function startingLab(engine: Engine, config: LabConfig): Promise<{ lab: Lab; problems: string[] }> {
  if (config.setup.length === 0) return { lab: engine.createLab({ hosts: config.hosts, pacing: 'realtime' }), problems: [] };
  const staging = engine.createLab({ hosts: config.hosts, pacing: 'instant' });
  const sessions = new Map<string, Session>();
  const problems: string[] = [];
  for (const step of parseSetupLines(config.setup, config.hosts)) {
    let session = sessions.get(step.host);
    if (!session) {
      session = staging.openSession(step.host);
      sessions.set(step.host, session);
    }
    const result = await session.run(step.command);
    if (result.exitCode !== 0) problems.push(`${step.host}$ ${step.command} → exit ${result.exitCode}: ${result.output.trim()}`);
  }
  const live = await engine.restoreLab(staging.snapshot(), { pacing: 'realtime' });
  if (live.ok) return { lab: live.lab, problems };
  problems.push(`could not switch the set-up lab to real time: ${live.error}`);
  return { lab: staging, problems };
}

function savedWhen(savedAt: number): string {
  const minutes = Math.round((Date.now() - savedAt) / 60_000);
  if (minutes < 1) return 'moments ago';
  if (minutes < 60) return `${minutes} min ago`;
  return new Date(savedAt).toLocaleString();
}

export function LabProvider({ config, children }: { config: LabConfig; children: ReactNode }) {
  const [status, setStatus] = useState<LabStatus>({ kind: 'loading' });
  const [instance, setInstance] = useState<LabInstance | null>(null);
  const [notice, setNotice] = useState<LabNotice | null>(null);
  const [shell, setShell] = useState<InteractiveShell | null>(null);
  const [attachedGeneration, setAttachedGeneration] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [commandsDone, setCommandsDone] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const engineRef = useRef<Engine | null>(null);
  const instanceRef = useRef<LabInstance | null>(null);
  const shellRef = useRef<InteractiveShell | null>(null);
  const pendingRuns = useRef<{ lines: readonly string[]; resolve: () => void }[]>([]);
  const saveTimer = useRef<number | null>(null);
  const focusRef = useRef<(() => void) | null>(null);
  const generationRef = useRef(0);
  const saveWatch = useRef(newSaveWatch());
  const [activeConfig, setActiveConfig] = useState(config);
  const configRef = useRef(activeConfig);
  configRef.current = activeConfig;

  const save = useCallback(() => {
    if (saveTimer.current !== null) {
      window.clearTimeout(saveTimer.current);
      saveTimer.current = null;
    }
    const current = instanceRef.current;
    const terminal = shellRef.current;
    if (!current || !terminal) return;
    const spec = specOf(current.config);
    const outcome = saveLab(current.config.labKey, {
      spec,
      snapshot: current.lab.snapshot(),
      history: [...terminal.historyEntries()],
      transcript: terminal.transcript.toString(),
      place: current.session.place(),
    });
    const action = afterSave(outcome, saveWatch.current, current.config.labKey, spec);
    if (action.kind === 'show') setNotice(action.notice);
    else if (action.kind === 'fits-again') setNotice((shown) => (shown?.text === action.replaces ? action.notice : shown));
  }, []);

  const scheduleSave = useCallback(() => {
    if (saveTimer.current !== null) window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(save, 400);
  }, [save]);

  const install = useCallback((config: LabConfig, lab: Lab, attach: AttachOptions, place?: unknown) => {
    generationRef.current += 1;
    // The engine's `history` command shows the same lines as the terminal's arrow keys, and the
    // session reopens where it was (inside a container, on another host) if that still exists.
    const session = lab.openSession(undefined, { history: attach.history ?? [], place });
    const next: LabInstance = { config, lab, session, attach, generation: generationRef.current };
    instanceRef.current = next;
    saveWatch.current = newSaveWatch();
    setInstance(next);
    setStatus({ kind: 'ready' });
  }, []);

  // Load the engine and the lab once per mount (and again on retry after a failure).
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const engine = engineRef.current ?? (await loadEngine());
        engineRef.current = engine;
        if (cancelled) return;
        const current = activeConfig;
        const loaded = loadSavedLab(current.labKey, specOf(current));
        if (loaded.kind === 'saved') {
          let restored: Awaited<ReturnType<Engine['restoreLab']>>;
          try {
            restored = await engine.restoreLab(loaded.saved.snapshot, { pacing: 'realtime' });
          } catch (error) {
            // restoreLab promises { ok: false } for bad snapshots; a throw is treated the same way.
            restored = { ok: false, error: error instanceof Error ? error.message : String(error) };
          }
          if (restored.ok) {
            install(
              current,
              restored.lab,
              {
                history: loaded.saved.history,
                transcript: loaded.saved.transcript,
                banner: `── Lab restored (saved ${savedWhen(loaded.saved.savedAt)}). "Reset lab" starts the lesson over. ──`,
              },
              loaded.saved.place,
            );
            return;
          }
          setNotice({ tone: 'warning', text: `Your saved lab could not be restored (${restored.error}), so a fresh lab was started.` });
        } else if (loaded.kind === 'unusable') {
          setNotice({ tone: 'warning', text: `Your saved lab was discarded because ${loaded.reason}. A fresh lab was started.` });
        }
        forgetLab(current.labKey);
        const { lab, problems } = await startingLab(engine, current);
        if (cancelled) return;
        if (problems.length > 0) {
          console.error(`Docknet: the lesson's lab setup had problems:\n${problems.join('\n')}`);
          setNotice({ tone: 'warning', text: `This lesson's starting lab did not set up cleanly: ${problems[0]}` });
        }
        install(current, lab, {
          history: loaded.kind === 'saved' ? loaded.saved.history : undefined,
          banner: current.label ? `── ${current.label}: a fresh lab, set up for it. ──` : current.welcome,
        });
      } catch (error) {
        if (cancelled) return;
        console.error(error);
        setStatus({
          kind: 'failed',
          message: `The lab could not start: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [install, attempt, activeConfig]);

  // Redraw and save whenever the world changes.
  const lab = instance?.lab ?? null;
  useEffect(() => {
    if (!lab) return;
    return lab.subscribe((event) => {
      if (event.type === 'changed') scheduleSave();
    });
  }, [lab, scheduleSave]);

  // Bind the terminal to the current session once both exist.
  useEffect(() => {
    if (!shell || !instance || attachedGeneration === instance.generation) return;
    shell.attach(instance.session, instance.attach);
    setAttachedGeneration(instance.generation);
    const queued = pendingRuns.current;
    pendingRuns.current = [];
    for (const run of queued) void shell.runLines(run.lines).then(run.resolve);
  }, [shell, instance, attachedGeneration]);

  // Save what is pending when the learner leaves or hides the page.
  useEffect(() => {
    const flush = () => {
      if (saveTimer.current !== null) save();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      flush();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [save]);

  const terminalReady = instance !== null && attachedGeneration === instance.generation;

  const runCommands = useCallback(
    (lines: readonly string[]) => {
      const terminal = shellRef.current;
      const current = instanceRef.current;
      if (terminal && current && terminal.state !== 'detached') return terminal.runLines(lines);
      return new Promise<void>((resolve) => pendingRuns.current.push({ lines, resolve }));
    },
    [],
  );

  const reset = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine) return;
    forgetLab(configRef.current.labKey);
    setNotice(null);
    const { lab: fresh, problems } = await startingLab(engine, configRef.current);
    if (problems.length > 0) console.error(`Docknet: the lesson's lab setup had problems:\n${problems.join('\n')}`);
    install(configRef.current, fresh, {
      banner: configRef.current.label
        ? `── Lab reset: the starting lab of ${configRef.current.label}. ──`
        : "── Lab reset: this is the lesson's starting lab. ──",
    });
    scheduleSave();
  }, [install, scheduleSave]);

  const dismissNotice = useCallback(() => setNotice(null), []);
  const activate = useCallback(
    (next: LabConfig) => {
      if (next.labKey === configRef.current.labKey) return;
      save();
      setNotice(null);
      setStatus({ kind: 'loading' });
      setActiveConfig(next);
    },
    [save],
  );
  const activateDefault = useCallback(() => activate(config), [activate, config]);
  const retry = useCallback(() => {
    setStatus({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const focusTerminal = useCallback(() => focusRef.current?.(), []);
  const registerFocus = useCallback((focus: (() => void) | null) => {
    focusRef.current = focus;
  }, []);
  const noteCommandDone = useCallback(() => setCommandsDone((n) => n + 1), []);

  const registerShell = useCallback((next: InteractiveShell | null) => {
    shellRef.current = next;
    setShell(next);
    setAttachedGeneration(-1);
  }, []);

  const value = useMemo<LabContextValue>(
    () => ({
      config: activeConfig,
      activate,
      activateDefault,
      status,
      lab,
      generation: instance?.generation ?? 0,
      notice,
      dismissNotice,
      terminalReady,
      busy,
      commandsDone,
      noteCommandDone,
      reset,
      retry,
      runCommands,
      registerShell,
      setBusy,
      scheduleSave,
      focusTerminal,
      registerFocus,
    }),
    [
      activeConfig,
      activate,
      activateDefault,
      status,
      lab,
      instance,
      notice,
      terminalReady,
      busy,
      commandsDone,
      dismissNotice,
      noteCommandDone,
      reset,
      retry,
      runCommands,
      registerShell,
      scheduleSave,
      focusTerminal,
      registerFocus,
    ],
  );

  return <LabContext.Provider value={value}>{children}</LabContext.Provider>;
}
