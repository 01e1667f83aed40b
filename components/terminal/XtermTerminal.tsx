'use client';

/**
 * The terminal: xterm.js (with the fit addon) in front of the InteractiveShell, which is bound to
 * the lab's session by LabProvider. Loaded lazily (LazyTerminal.tsx), never rendered on the server.
 *
 * For browser tests and the benchmark the xterm instance is exposed, read-only, as
 * `window.__docknetTerminal` (read `buffer.active` lines from it). It is always exposed: it is
 * cheap, holds nothing secret, and lets anyone script the page from the devtools console.
 */
import { useEffect, useRef } from 'react';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { useLab } from '@/components/lab/LabProvider';
import { InteractiveShell, type TerminalSink } from '@/lib/terminal/shell';

declare global {
  interface Window {
    __docknetTerminal?: Terminal;
  }
}

/** A calm dark palette (GitHub-dark-like) with enough contrast for every ANSI colour. */
const THEME: ITheme = {
  background: '#0b1020',
  foreground: '#d8dee9',
  cursor: '#7ee787',
  cursorAccent: '#0b1020',
  selectionBackground: '#2b4a7a',
  black: '#484f58',
  red: '#ff7b72',
  green: '#7ee787',
  yellow: '#e3b341',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#76e3ea',
  white: '#c9d1d9',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#a5f0b0',
  brightYellow: '#f2cc60',
  brightBlue: '#a5d6ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#b3f0ff',
  brightWhite: '#f0f6fc',
};

export default function XtermTerminal({ tabId, active = true, autoFocus = false }: { tabId: string; active?: boolean; autoFocus?: boolean }) {
  const lab = useLab();
  const { registerShell, setTabBusy, scheduleSave, registerFocus, commandsDone, noteCommandDone } = lab;
  const terminalReady = active && lab.terminalReady;
  const busy = active && lab.busy;
  const termRef = useRef<Terminal | null>(null);
  const activeRef = useRef(active);
  activeRef.current = active;
  const exitRef = useRef<HTMLParagraphElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    const exit = exitRef.current;
    if (!host || !exit) return;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      lineHeight: 1.2,
      cursorBlink: true,
      scrollback: 5000,
      theme: THEME,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    const refit = () => {
      // Hidden panes have no size; fitting them would shrink the terminal to nothing.
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    };
    refit();

    const sink: TerminalSink = {
      write: (data) => term.write(data),
      get cols() {
        return term.cols;
      },
      clearScreen: () => term.write('\x1b[H\x1b[2J\x1b[3J'),
    };
    const shell = new InteractiveShell(sink, {
      onHistoryChange: scheduleSave,
      onCommandDone: (_line, result) => {
        scheduleSave();
        noteCommandDone(tabId, result?.exitCode ?? null);
      },
      onBusyChange: (isBusy) => setTabBusy(tabId, isBusy),
    });
    termRef.current = term;

    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown') return true;
      // Escape hands focus back to the page (Tab is completion inside, so this is the way out):
      // focus lands just after the terminal, so the next Tab moves on.
      if (event.key === 'Escape' && !shell.searching) {
        exit.focus();
        return false;
      }
      const copy = (event.ctrlKey && event.key === 'c' && term.hasSelection()) || (event.ctrlKey && event.shiftKey && event.key === 'C');
      if (copy) {
        if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
        return false;
      }
      // Let the browser paste (xterm then receives the paste event): Ctrl-V, Ctrl-Shift-V.
      if (event.ctrlKey && (event.key === 'v' || event.key === 'V')) return false;
      return true;
    });

    const dataListener = term.onData((data) => shell.input(data));
    const resizeListener = term.onResize(() => shell.refresh());
    let frame: number | null = null;
    const observer = new ResizeObserver(() => {
      if (frame !== null) return;
      frame = window.requestAnimationFrame(() => {
        frame = null;
        refit();
      });
    });
    observer.observe(host);

    registerFocus(tabId, () => term.focus());
    registerShell(tabId, shell);
    // A terminal made again while its tab stays active (a new lab, a new tab id) is the one to expose.
    if (activeRef.current) Object.defineProperty(window, '__docknetTerminal', { value: term, configurable: true, writable: false });

    return () => {
      termRef.current = null;
      registerShell(tabId, null);
      registerFocus(tabId, null);
      setTabBusy(tabId, false);
      observer.disconnect();
      if (frame !== null) window.cancelAnimationFrame(frame);
      dataListener.dispose();
      resizeListener.dispose();
      shell.dispose();
      if (window.__docknetTerminal === term) Reflect.deleteProperty(window, '__docknetTerminal');
      term.dispose();
    };
    // All of these are stable callbacks: the terminal is created once per mount.
  }, [tabId, registerShell, setTabBusy, scheduleSave, registerFocus, noteCommandDone]);

  // The active tab's terminal is the one tests and the console read (window.__docknetTerminal).
  useEffect(() => {
    const term = termRef.current;
    if (!active || !term) return;
    Object.defineProperty(window, '__docknetTerminal', { value: term, configurable: true, writable: false });
  }, [active]);

  useEffect(() => {
    // "The terminal takes input" as a User Timing mark, for scripts/bench-web.ts and devtools.
    if (terminalReady && performance.getEntriesByName('docknet:terminal-ready').length === 0) {
      performance.mark('docknet:terminal-ready');
    }
    if (terminalReady && autoFocus) lab.focusTerminal();
    // Focus once, when the terminal first becomes ready.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [terminalReady, autoFocus]);

  return (
    <div
      className="terminal-frame relative h-full w-full"
      data-terminal-active={active ? 'true' : 'false'}
      data-terminal-ready={terminalReady ? 'true' : 'false'}
      data-busy={busy ? 'true' : 'false'}
      data-commands-done={commandsDone}
    >
      <div ref={hostRef} className="h-full w-full" />
      <p ref={exitRef} tabIndex={-1} className="terminal-exit">
        You left the terminal. Tab moves on, Shift+Tab goes back in.
      </p>
    </div>
  );
}
