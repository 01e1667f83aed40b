'use client';

/**
 * One simulated lab at a time per page: loads the engine (lazily, it is not part of the first
 * load), restores the learner's saved lab or builds the lesson's starting lab with a fresh random
 * seed, opens one terminal tab per host (and more on request), runs Run-button lines in the right
 * tab, saves after every change, and resets on request. A lesson page also switches between its
 * own lab and its exercises' labs, and remembers which one the learner was in.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GoalInput, Lab, Session } from '@/engine';
import { parseSetupLines } from '@/lib/content/lab-setup';
import { labOptionsOf, type LabWorld } from '@/lib/content/lab-world';
import { announcePresence, presenceKey, readActiveLab, readPresence, writeActiveLab } from '@/lib/lab/open-labs';
import { forgetRunSteps } from '@/lib/lab/run-steps';
import { forgetLab, labStorageKey, loadSavedLab, saveLab } from '@/lib/lab/saved-lab';
import { labSeed } from '@/lib/lab/seed';
import type { AttachOptions, InteractiveShell } from '@/lib/terminal/shell';
import { loadEngine } from './load-engine';
import { afterSave, newSaveWatch, type LabNotice } from './save-notice';

export interface LabConfig extends LabWorld {
  /** Storage key: "lesson:<slug>", "lesson:<slug>:exercise:<id>", "playground:<hosts>". */
  labKey: string;
  setup: string[];
  /** What the lab is for, shown in the pane ("Exercise: …"); the lesson's lab has none. */
  label?: string;
  /** A dim line greeting the learner in a fresh lab. */
  welcome?: string;
  /** An exercise's goal: the picture draws it over the lab (parts turn solid as they are met). */
  goal?: GoalInput;
}

export type LabStatus = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };

export type { LabNotice, LabNoticeAction } from './save-notice';

export interface TerminalTab {
  id: string;
  host: string;
  title: string;
  /** The first tab of each host: always there. Others ("new tab") can be closed. */
  main: boolean;
}

interface TabRecord extends TerminalTab {
  session: Session;
  attach: AttachOptions;
}

interface LabInstance {
  config: LabConfig;
  lab: Lab;
  tabs: TabRecord[];
  /** Increments with every new lab (first load, reset, switch), so views know to start over. */
  generation: number;
  /** Restored from a save (not built fresh). */
  restored: boolean;
}

export type RunOutcome = 'ran' | 'not-run';

export interface RunOptions {
  /** The lab the lines belong to (an exercise's); it is switched to first. Default: the one shown. */
  lab?: LabConfig;
  /** The host whose terminal runs them. Default: the active tab's. */
  host?: string;
  /** Leave container shells and ssh sessions first (`exit`), so the lines run on the host. */
  exitFirst?: boolean;
  /** Run in a new tab on the host instead of the busy or elsewhere terminal. */
  newTab?: boolean;
}

/** Where the terminal that would run a host's commands is now. */
export interface TerminalPlace {
  tabId: string;
  host: string;
  /** The host the tab belongs to (the session may have ssh'ed elsewhere). */
  tabHost: string;
  container: string | null;
  busy: boolean;
}

export interface LabContextValue {
  /** The lab shown now: the page's own, or an exercise's after activate(). */
  config: LabConfig;
  /** The page's own lab. */
  defaultConfig: LabConfig;
  /** Switches the pane to another lab (an exercise's), saving the current one first. */
  activate(config: LabConfig): void;
  /** Back to the page's own lab. */
  activateDefault(): void;
  /** The shown lab was restored from a save: for an exercise, the learner continues it. */
  continued: boolean;
  status: LabStatus;
  lab: Lab | null;
  generation: number;
  notice: LabNotice | null;
  dismissNotice(): void;
  /** The active terminal shows a prompt and takes keys. */
  terminalReady: boolean;
  /** A command is running in the active terminal. */
  busy: boolean;
  /** Commands finished in the terminals since the page loaded (tests wait on it). */
  commandsDone: number;
  noteCommandDone(tabId: string, exitCode: number | null): void;
  tabs: TerminalTab[];
  activeTab: string | null;
  selectTab(id: string): void;
  openTab(host?: string): void;
  closeTab(id: string): void;
  /** Where the terminal for `host` (default: the active one) is, or null before the lab is up. */
  placeOf(host?: string): TerminalPlace | null;
  /** Resets the shown lab ('shown') or the page's own lab while an exercise is shown ('lesson'). */
  reset(which?: 'shown' | 'lesson'): Promise<void>;
  retry(): void;
  /** Types the lines into a terminal and runs them in order; says whether they ran. */
  runCommands(lines: readonly string[], options?: RunOptions): Promise<RunOutcome>;
  registerShell(tabId: string, shell: InteractiveShell | null): void;
  setTabBusy(tabId: string, busy: boolean): void;
  scheduleSave(): void;
  focusTerminal(): void;
  registerFocus(tabId: string, focus: (() => void) | null): void;
  /** An exercise came on screen or left it (for the "switch to its lab" offer). */
  setExerciseInView(config: LabConfig, inView: boolean): void;
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

/** What a save was made from: another world or setup makes it stale (a lab without a world keeps its old spec). */
function specOf(config: LabConfig): string {
  return JSON.stringify({ hosts: config.hosts, setup: config.setup, ...(config.world ? { world: config.world } : {}) });
}

/** The lesson's starting lab: setup runs at instant pacing, then the lab continues in real time. */
async function startingLab(engine: Engine, config: LabConfig): Promise<{ lab: Lab; problems: string[] }> {
  const seed = labSeed();
  if (config.setup.length === 0) return { lab: engine.createLab({ ...labOptionsOf(config), pacing: 'realtime', seed }), problems: [] };
  const staging = engine.createLab({ ...labOptionsOf(config), pacing: 'instant', seed });
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

/** Tab ids stay the same across labs with the same hosts, so the terminals stay mounted. */
function hostTabs(lab: Lab, hosts: readonly string[], main: AttachOptions, place: unknown): TabRecord[] {
  return hosts.map((host, index) => ({
    id: `${host}#1`,
    host,
    title: host,
    main: true,
    // The engine's `history` command shows the same lines as the terminal's arrow keys, and the
    // first session reopens where it was (inside a container, on another host) if that still exists.
    session: index === 0 ? lab.openSession(host, { history: main.history ?? [], place }) : lab.openSession(host),
    attach: index === 0 ? main : { banner: `── A shell on ${host}. ──` },
  }));
}

interface PendingRun {
  lines: readonly string[];
  options: RunOptions;
  resolve(outcome: RunOutcome): void;
}

export function LabProvider({
  config,
  alternatives = [],
  children,
}: {
  config: LabConfig;
  /** Other labs the page can show (a lesson's exercises); a reload returns to the one last shown. */
  alternatives?: LabConfig[];
  children: ReactNode;
}) {
  const [status, setStatus] = useState<LabStatus>({ kind: 'loading' });
  const [instance, setInstance] = useState<LabInstance | null>(null);
  const [notice, setNotice] = useState<LabNotice | null>(null);
  const [shellsVersion, setShellsVersion] = useState(0);
  const [attachedVersion, setAttachedVersion] = useState(0);
  const [busyTabs, setBusyTabs] = useState<ReadonlySet<string>>(new Set());
  const [commandsDone, setCommandsDone] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [activeTab, setActiveTab] = useState<string | null>(null);
  const [activeConfig, setActiveConfig] = useState<LabConfig | null>(null);
  const engineRef = useRef<Engine | null>(null);
  const instanceRef = useRef<LabInstance | null>(null);
  const shells = useRef(new Map<string, InteractiveShell>());
  const attachedTo = useRef(new WeakMap<InteractiveShell, Session>());
  const focusers = useRef(new Map<string, () => void>());
  const pendingRuns = useRef<PendingRun[]>([]);
  const saveTimer = useRef<number | null>(null);
  const saveWatch = useRef(newSaveWatch());
  const tabCounter = useRef(1);
  const activeTabRef = useRef<string | null>(null);
  activeTabRef.current = activeTab;
  const busyRef = useRef(busyTabs);
  busyRef.current = busyTabs;
  /** Another browser tab saved this lab: saving here waits for the learner's choice. */
  const conflict = useRef(false);
  const tabIdentity = useRef(`t${Math.random().toString(36).slice(2, 10)}`);
  const exercisesInView = useRef(new Map<string, LabConfig>());
  const declinedOffers = useRef(new Set<string>());
  const configRef = useRef<LabConfig>(activeConfig ?? config);
  configRef.current = activeConfig ?? config;

  // Which lab to show first: the exercise the learner was in, if the page has it.
  useEffect(() => {
    const stored = readActiveLab(config.labKey);
    setActiveConfig(alternatives.find((alt) => alt.labKey === stored) ?? config);
    // Decided once per page: later switches go through activate().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config.labKey]);

  const save = useCallback(() => {
    if (saveTimer.current !== null) {
      window.clearTimeout(saveTimer.current);
      saveTimer.current = null;
    }
    const current = instanceRef.current;
    const main = current?.tabs[0];
    const terminal = main ? shells.current.get(main.id) : undefined;
    if (!current || !main || !terminal || conflict.current) return;
    const spec = specOf(current.config);
    const outcome = saveLab(current.config.labKey, {
      spec,
      snapshot: current.lab.snapshot(),
      history: [...terminal.historyEntries()],
      transcript: terminal.transcript.toString(),
      place: main.session.place(),
    });
    const action = afterSave(outcome, saveWatch.current, current.config.labKey, spec);
    if (action.kind === 'show') setNotice(action.notice);
    else if (action.kind === 'fits-again') setNotice((shown) => (shown?.text === action.replaces ? action.notice : shown));
  }, []);

  const scheduleSave = useCallback(() => {
    if (saveTimer.current !== null) window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(save, 400);
  }, [save]);

  const install = useCallback((next: Omit<LabInstance, 'generation'>) => {
    const generation = (instanceRef.current?.generation ?? 0) + 1;
    const installed = { ...next, generation };
    instanceRef.current = installed;
    saveWatch.current = newSaveWatch();
    tabCounter.current = 1;
    setInstance(installed);
    setActiveTab(installed.tabs[0]?.id ?? null);
    setStatus({ kind: 'ready' });
  }, []);

  // Load the engine and the lab (again on retry, on a switch to another lab).
  useEffect(() => {
    if (!activeConfig) return;
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
            const when = savedWhen(loaded.saved.savedAt);
            const banner = current.label
              ? `── Continue exercise: ${current.label.replace(/^Exercise: /, '')} (saved ${when}). "Reset lab" starts it over. ──`
              : `── Lab restored (saved ${when}). "Reset lab" starts the lesson over. ──`;
            const main = { history: loaded.saved.history, transcript: loaded.saved.transcript, banner };
            install({ config: current, lab: restored.lab, tabs: hostTabs(restored.lab, current.hosts, main, loaded.saved.place), restored: true });
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
        const main = {
          history: loaded.kind === 'saved' ? loaded.saved.history : undefined,
          banner: current.label ? `── ${current.label}: a fresh lab, set up for it. ──` : current.welcome,
        };
        install({ config: current, lab, tabs: hostTabs(lab, current.hosts, main, undefined), restored: false });
      } catch (error) {
        if (cancelled) return;
        console.error(error);
        setStatus({ kind: 'failed', message: `The lab could not start: ${error instanceof Error ? error.message : String(error)}` });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [install, attempt, activeConfig]);

  // Save whenever the world changes.
  const lab = instance?.lab ?? null;
  useEffect(() => {
    if (!lab) return;
    return lab.subscribe((event) => {
      if (event.type === 'changed') scheduleSave();
    });
  }, [lab, scheduleSave]);

  /** Runs queued Run-button lines whose lab is up and whose terminal is bound. */
  const executeRun = useCallback(async (run: PendingRun, current: LabInstance) => {
    const wanted = run.options.host ?? current.tabs.find((t) => t.id === activeTabRef.current)?.host ?? current.tabs[0]?.host;
    const tab =
      current.tabs.find((t) => t.id === activeTabRef.current && t.host === wanted) ?? current.tabs.find((t) => t.host === wanted && t.main) ?? current.tabs[0];
    if (!tab) return run.resolve('not-run');
    if (run.options.newTab) {
      const created = newTabRecord(current.lab, tab.host, tabCounter);
      const next = { ...current, tabs: [...current.tabs, created] };
      instanceRef.current = next;
      setInstance(next);
      setActiveTab(created.id);
      // Runs once the new tab's terminal is bound.
      pendingRuns.current.push({ ...run, options: { host: created.host, lab: run.options.lab } });
      return;
    }
    setActiveTab(tab.id);
    const shell = shells.current.get(tab.id);
    if (!shell || attachedTo.current.get(shell) !== tab.session) {
      pendingRuns.current.push(run);
      return;
    }
    if (run.options.exitFirst) {
      // One `exit` per level (container shell, ssh), checking where the session is after each.
      for (let i = 0; i < 6 && (tab.session.container() !== null || tab.session.host() !== tab.host); i++) {
        if (!(await shell.runLines(['exit']))) return run.resolve('not-run');
      }
    }
    run.resolve((await shell.runLines(run.lines)) ? 'ran' : 'not-run');
  }, []);

  const flushRuns = useCallback(() => {
    const current = instanceRef.current;
    if (!current) return;
    const waiting = pendingRuns.current;
    pendingRuns.current = [];
    for (const run of waiting) {
      const target = run.options.lab?.labKey ?? current.config.labKey;
      if (target !== current.config.labKey) {
        pendingRuns.current.push(run);
        continue;
      }
      void executeRun(run, current);
    }
  }, [executeRun]);

  // Bind each tab's terminal to its session once both exist, then run what was waiting.
  useEffect(() => {
    if (!instance) return;
    let bound = false;
    for (const tab of instance.tabs) {
      const shell = shells.current.get(tab.id);
      if (shell && attachedTo.current.get(shell) !== tab.session) {
        shell.attach(tab.session, tab.attach);
        attachedTo.current.set(shell, tab.session);
        bound = true;
      }
    }
    if (bound) setAttachedVersion((n) => n + 1);
    flushRuns();
  }, [instance, shellsVersion, flushRuns]);

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

  const reload = useCallback(() => {
    conflict.current = false;
    setNotice(null);
    setStatus({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  // Two browser tabs on one lab: say so, and never let one silently overwrite the other's saves.
  const labKey = instance?.config.labKey ?? null;
  useEffect(() => {
    if (!labKey) return;
    const me = tabIdentity.current;
    const onStorage = (event: StorageEvent) => {
      if (event.key === presenceKey(labKey)) {
        const message = readPresence(event.newValue);
        if (!message || message.tab === me) return;
        if (message.kind === 'hello') announcePresence(labKey, { tab: me, kind: 'here' });
        setNotice({
          kind: 'other-tab',
          tone: 'info',
          text: 'This lab is also open in another browser tab. Both save to the same place: work in one of them (Docknet asks before one overwrites the other).',
        });
      } else if (event.key === labStorageKey(labKey) && event.newValue !== null) {
        conflict.current = true;
        if (saveTimer.current !== null) window.clearTimeout(saveTimer.current);
        saveTimer.current = null;
        setNotice({
          kind: 'other-tab-saved',
          tone: 'warning',
          text: 'Another browser tab just saved this lab. This tab stopped saving, so neither overwrites the other. Which lab do you want to keep?',
          actions: [
            { label: "Load the other tab's lab", run: reload },
            {
              label: "Keep this tab's lab",
              run: () => {
                conflict.current = false;
                setNotice(null);
                save();
              },
            },
          ],
        });
      }
    };
    window.addEventListener('storage', onStorage);
    announcePresence(labKey, { tab: me, kind: 'hello' });
    return () => window.removeEventListener('storage', onStorage);
  }, [labKey, reload, save]);

  const activeRecord = instance?.tabs.find((t) => t.id === activeTab) ?? instance?.tabs[0];
  const activeShell = activeRecord ? shells.current.get(activeRecord.id) : undefined;
  // Not while another lab loads: keys typed into the old session would be dropped by the switch.
  const terminalReady =
    status.kind === 'ready' &&
    instance !== null &&
    activeRecord !== undefined &&
    activeShell !== undefined &&
    attachedTo.current.get(activeShell) === activeRecord.session;
  // Read attachedVersion so the value above is recomputed when a terminal is bound.
  void attachedVersion;

  const runCommands = useCallback(
    (lines: readonly string[], options: RunOptions = {}) =>
      new Promise<RunOutcome>((resolve) => {
        if (lines.length === 0) return resolve('not-run');
        const run: PendingRun = { lines, options, resolve };
        const current = instanceRef.current;
        const target = options.lab;
        if (target && target.labKey !== configRef.current.labKey) {
          // An exercise's Run in its text: its own lab comes up first, then the lines run there.
          pendingRuns.current.push(run);
          activateRef.current(target);
          return;
        }
        if (!current || current.config.labKey !== configRef.current.labKey) {
          pendingRuns.current.push(run);
          return;
        }
        void executeRun(run, current);
      }),
    [executeRun],
  );

  const reset = useCallback(
    async (which: 'shown' | 'lesson' = 'shown') => {
      const engine = engineRef.current;
      if (!engine) return;
      const shown = configRef.current;
      if (which === 'lesson' && shown.labKey !== config.labKey) {
        // The lesson's lab is not shown: it starts fresh the next time it is.
        forgetLab(config.labKey);
        forgetRunSteps(config.labKey);
        setNotice({ tone: 'info', text: "The lesson lab was reset: it starts fresh when you go back to it. This exercise's lab is unchanged." });
        return;
      }
      forgetLab(shown.labKey);
      forgetRunSteps(shown.labKey);
      conflict.current = false;
      setNotice(null);
      const { lab: fresh, problems } = await startingLab(engine, shown);
      if (problems.length > 0) console.error(`Docknet: the lesson's lab setup had problems:\n${problems.join('\n')}`);
      const banner = shown.label ? `── Lab reset: the starting lab of ${shown.label}. ──` : "── Lab reset: this is the lesson's starting lab. ──";
      const history = instanceRef.current?.tabs[0] ? shells.current.get(instanceRef.current.tabs[0].id)?.historyEntries() : undefined;
      install({ config: shown, lab: fresh, tabs: hostTabs(fresh, shown.hosts, { banner, history }, undefined), restored: false });
      scheduleSave();
    },
    [install, scheduleSave, config.labKey],
  );

  const dismissNotice = useCallback(() => {
    setNotice((current) => {
      if (current?.kind) declinedOffers.current.add(current.kind);
      return null;
    });
  }, []);

  const activate = useCallback(
    (next: LabConfig) => {
      if (next.labKey === configRef.current.labKey) return;
      save();
      writeActiveLab(config.labKey, next.labKey);
      setNotice(null);
      setStatus({ kind: 'loading' });
      configRef.current = next;
      setActiveConfig(next);
    },
    [save, config.labKey],
  );
  const activateRef = useRef(activate);
  activateRef.current = activate;
  const activateDefault = useCallback(() => activate(config), [activate, config]);

  const setExerciseInView = useCallback((next: LabConfig, inView: boolean) => {
    if (inView) exercisesInView.current.set(next.labKey, next);
    else exercisesInView.current.delete(next.labKey);
  }, []);

  const noteCommandDone = useCallback(
    (_tabId: string, _exitCode: number | null) => {
      setCommandsDone((n) => n + 1);
      // Typing in the lesson lab while reading an exercise whose lab is set up for it (its text
      // says "c1 already exists…"): offer to switch, once per exercise.
      const exercise = [...exercisesInView.current.values()].find((x) => x.setup.length > 0);
      const shown = configRef.current;
      if (!exercise || shown.labKey !== config.labKey) return;
      const kind = `switch:${exercise.labKey}`;
      if (declinedOffers.current.has(kind)) return;
      setNotice({
        kind,
        tone: 'info',
        text: `You are typing in the lesson lab. "${exercise.label?.replace(/^Exercise: /, '') ?? 'This exercise'}" has its own lab, already set up for it: what its text says exists is there, not here.`,
        actions: [{ label: 'Switch to the exercise lab', run: () => activateRef.current(exercise) }],
      });
    },
    [config.labKey],
  );

  const focusTerminal = useCallback(() => {
    const id = activeTabRef.current ?? instanceRef.current?.tabs[0]?.id;
    if (id) focusers.current.get(id)?.();
  }, []);
  const registerFocus = useCallback((tabId: string, focus: (() => void) | null) => {
    if (focus) focusers.current.set(tabId, focus);
    else focusers.current.delete(tabId);
  }, []);

  const registerShell = useCallback((tabId: string, shell: InteractiveShell | null) => {
    if (shell) shells.current.set(tabId, shell);
    else shells.current.delete(tabId);
    setShellsVersion((n) => n + 1);
  }, []);

  const setTabBusy = useCallback((tabId: string, busy: boolean) => {
    setBusyTabs((current) => {
      if (current.has(tabId) === busy) return current;
      const next = new Set(current);
      if (busy) next.add(tabId);
      else next.delete(tabId);
      return next;
    });
  }, []);

  const selectTab = useCallback((id: string) => setActiveTab(id), []);
  const openTab = useCallback((host?: string) => {
    const current = instanceRef.current;
    if (!current) return;
    const on = host ?? current.tabs.find((t) => t.id === activeTabRef.current)?.host ?? current.tabs[0]?.host;
    if (!on) return;
    const created = newTabRecord(current.lab, on, tabCounter);
    const next = { ...current, tabs: [...current.tabs, created] };
    instanceRef.current = next;
    setInstance(next);
    setActiveTab(created.id);
  }, []);
  const closeTab = useCallback((id: string) => {
    const current = instanceRef.current;
    if (!current) return;
    const index = current.tabs.findIndex((t) => t.id === id && !t.main);
    if (index < 0) return;
    const tabs = current.tabs.filter((t) => t.id !== id);
    const next = { ...current, tabs };
    instanceRef.current = next;
    setInstance(next);
    if (activeTabRef.current === id) setActiveTab(tabs[Math.max(0, index - 1)]?.id ?? null);
  }, []);

  const placeOf = useCallback(
    (host?: string): TerminalPlace | null => {
      const current = instanceRef.current;
      if (!current) return null;
      const active = current.tabs.find((t) => t.id === activeTabRef.current);
      const wanted = host ?? active?.host ?? current.tabs[0]?.host;
      const tab = (active && active.host === wanted ? active : undefined) ?? current.tabs.find((t) => t.host === wanted && t.main) ?? current.tabs[0];
      if (!tab) return null;
      return { tabId: tab.id, host: tab.session.host(), tabHost: tab.host, container: tab.session.container(), busy: busyRef.current.has(tab.id) };
    },
    // Reading sessions live: recomputed whenever a command finishes or a tab changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [commandsDone, busyTabs, activeTab, instance],
  );

  const shownConfig = activeConfig ?? config;
  const tabs = useMemo<TerminalTab[]>(() => (instance?.tabs ?? []).map(({ id, host, title, main }) => ({ id, host, title, main })), [instance]);
  const busy = activeRecord ? busyTabs.has(activeRecord.id) : false;

  const value = useMemo<LabContextValue>(
    () => ({
      config: shownConfig,
      defaultConfig: config,
      activate,
      activateDefault,
      continued: instance !== null && instance.restored && instance.config.labKey === shownConfig.labKey && shownConfig.labKey !== config.labKey,
      status,
      lab,
      generation: instance?.generation ?? 0,
      notice,
      dismissNotice,
      terminalReady,
      busy,
      commandsDone,
      noteCommandDone,
      tabs,
      activeTab: activeRecord?.id ?? null,
      selectTab,
      openTab,
      closeTab,
      placeOf,
      reset,
      retry: reload,
      runCommands,
      registerShell,
      setTabBusy,
      scheduleSave,
      focusTerminal,
      registerFocus,
      setExerciseInView,
    }),
    [
      shownConfig,
      config,
      activate,
      activateDefault,
      instance,
      status,
      lab,
      notice,
      dismissNotice,
      terminalReady,
      busy,
      commandsDone,
      noteCommandDone,
      tabs,
      activeRecord,
      selectTab,
      openTab,
      closeTab,
      placeOf,
      reset,
      reload,
      runCommands,
      registerShell,
      setTabBusy,
      scheduleSave,
      focusTerminal,
      registerFocus,
      setExerciseInView,
    ],
  );

  return <LabContext.Provider value={value}>{children}</LabContext.Provider>;
}

function newTabRecord(lab: Lab, host: string, counter: { current: number }): TabRecord {
  counter.current += 1;
  const n = counter.current;
  return {
    id: `${host}#${n}`,
    host,
    title: `${host} (${n})`,
    main: false,
    session: lab.openSession(host),
    attach: { banner: `── Another shell on ${host}: both see the same lab. ──` },
  };
}
