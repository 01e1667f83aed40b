/**
 * The interactive side of the terminal: a readline-like editor in front of an engine Session.
 *
 * It owns the prompt, the edited line, history, tab completion, the typeahead queue (keys typed
 * while a command runs are kept and replayed, as a real tty does) and Ctrl-C. It writes to a
 * TerminalSink, which is xterm.js in the browser and a string buffer in unit tests, so the whole
 * behaviour is testable without a DOM.
 */
import type { RunResult, Session, Stream } from '@/engine';
import { colorizePrompt, dim, formatColumns, longestCommonPrefix, toCrlf, visibleWidth } from './ansi';
import { historyText } from './continuation';
import { CommandHistory, HISTORY_LINE_LIMIT } from './history';
import { parseKeys, type Key } from './keys';
import {
  EMPTY_LINE,
  backspace,
  deleteForward,
  insert,
  killToEnd,
  killToStart,
  killWordBack,
  killWordForward,
  lineOf,
  moveTo,
  replaceBeforeCursor,
  transpose,
  wordEndAfter,
  wordStartBefore,
  type LineState,
} from './line-editor';
import { stripC1 } from './sanitize';
import { Transcript } from './transcript';

export interface TerminalSink {
  write(data: string): void;
  /** Current width in columns (changes when the pane resizes). */
  readonly cols: number;
  /** Clears the screen and the scrollback. */
  clearScreen(): void;
}

export interface ShellEvents {
  /** After a line is added to the history (persist it). */
  onHistoryChange?(entries: readonly string[]): void;
  /** After a command finished (persist the lab). */
  onCommandDone?(line: string, result: RunResult | null): void;
  /** When a command starts or stops running. */
  onBusyChange?(busy: boolean): void;
}

export interface AttachOptions {
  /** Terminal output saved from a previous visit, written back before the first prompt. */
  transcript?: string;
  /** A dim line printed before the first prompt ("lab restored", "lab reset"). */
  banner?: string;
  /** Saved history to continue from (otherwise the current history is kept). */
  history?: readonly string[];
}

export type ShellMode = 'detached' | 'idle' | 'running' | 'question';

/** `done(true)` once the line ran; `done(false)` when it was dropped unrun (Ctrl-C, a new session). */
type Work = { kind: 'keys'; keys: Key[] } | { kind: 'line'; text: string; done?: (ran: boolean) => void };

export class InteractiveShell {
  private session: Session | null = null;
  private mode: ShellMode = 'detached';
  private line: LineState = EMPTY_LINE;
  /** What the learner had typed when Run-button lines took over the prompt; given back after. */
  private stash: LineState | null = null;
  /** Lines of a command that needs more (an open quote, `for` without `done`): the prompt is `> `. */
  private continued: string[] | null = null;
  /** Ctrl-P was pressed in a container: a Ctrl-Q next detaches, anything else makes it history-up. */
  private detachPending = false;
  private queue: Work[] = [];
  private abort: AbortController | null = null;
  private pendingAnswer: ((answer: string | null) => void) | null = null;
  /** The prompt in front of the edited line (the shell prompt, or an interactive question). */
  private promptText = '';
  /** Cursor position on screen, in cells from the start of the prompt. */
  private renderedCursor = 0;
  private atLineStart = true;
  /** Output already on the cursor's row (a question may follow it on the same row). */
  private lineTail = '';
  /** The host the session started on: Ctrl-D elsewhere means `exit` (leave the ssh session). */
  private homeHost: string | null = null;
  /** Bumped by attach(): results from a previous session's command are ignored. */
  private generation = 0;
  private history: CommandHistory;
  /** Ctrl-R reverse-i-search in progress: the query, the history index matched, the line before. */
  private search: { query: string; index: number; failed: boolean; before: LineState } | null = null;
  readonly transcript = new Transcript();

  constructor(
    private readonly sink: TerminalSink,
    private readonly events: ShellEvents = {},
    history: readonly string[] = [],
  ) {
    this.history = new CommandHistory(history);
  }

  get state(): ShellMode {
    return this.mode;
  }

  /** In Ctrl-R search, Escape belongs to the shell (it accepts the match). */
  get searching(): boolean {
    return this.search !== null;
  }

  historyEntries(): readonly string[] {
    return this.history.list();
  }

  /** Binds the shell to a (new) session: clears the screen, prints the banner and a prompt. */
  attach(session: Session, options: AttachOptions = {}): void {
    this.generation++;
    this.abort?.abort();
    this.abort = null;
    this.pendingAnswer?.(null);
    this.pendingAnswer = null;
    this.dropQueue();
    this.stash = null;
    this.continued = null;
    this.session = session;
    this.homeHost = session.host();
    if (options.history) this.history = new CommandHistory(options.history);
    this.line = EMPTY_LINE;
    this.sink.clearScreen();
    this.transcript.clear();
    this.atLineStart = true;
    if (options.transcript) this.output(options.transcript, true);
    if (options.banner) this.output(`${dim(options.banner)}\n`);
    this.setMode('idle');
    this.printPrompt();
  }

  /** Raw input from the terminal (keys, pasted text). */
  input(data: string): void {
    if (this.mode === 'detached') return;
    const keys = parseKeys(stripC1(data));
    if (this.mode === 'running') {
      const interrupt = keys.findIndex((key) => key.kind === 'interrupt');
      if (interrupt >= 0) {
        // Ctrl-C: stop the command and flush typeahead, as the tty does on SIGINT.
        this.dropQueue();
        this.abort?.abort();
        return;
      }
      this.queue.push({ kind: 'keys', keys });
      return;
    }
    this.queue.push({ kind: 'keys', keys });
    this.drain();
  }

  /**
   * Lines from a Run button: typed at the prompt and run in order, after anything queued.
   * Resolves true once every line ran, false if they were dropped first (Ctrl-C flushes
   * typeahead, a reset replaces the session): a Run button must never claim a run that did
   * not happen.
   */
  runLines(lines: readonly string[]): Promise<boolean> {
    if (this.mode === 'detached' || lines.length === 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      let allRan = true;
      lines.forEach((text, index) => {
        const last = index === lines.length - 1;
        this.queue.push({
          kind: 'line',
          text: stripC1(text),
          done: (ran) => {
            allRan &&= ran;
            if (last) resolve(allRan);
          },
        });
      });
      if (this.mode === 'idle') this.drain();
    });
  }

  /** Lines waiting for the running command to finish (typed keys or Run-button lines). */
  get queued(): number {
    return this.queue.length;
  }

  /** Ctrl-C from outside the keyboard (a Stop button). */
  interrupt(): void {
    this.input('\x03');
  }

  /** Redraws the edited line after the terminal changed width. */
  refresh(): void {
    if (this.mode === 'idle' || this.mode === 'question') this.redraw();
  }

  dispose(): void {
    this.generation++;
    this.abort?.abort();
    this.pendingAnswer?.(null);
    this.dropQueue();
    this.mode = 'detached';
  }

  // ---------------------------------------------------------------------------------------------

  private setMode(mode: ShellMode): void {
    const wasBusy = this.mode === 'running' || this.mode === 'question';
    this.mode = mode;
    const busy = mode === 'running' || mode === 'question';
    if (busy !== wasBusy) this.events.onBusyChange?.(busy);
  }

  private dropQueue(): void {
    const queued = this.queue;
    this.queue = [];
    for (const work of queued) if (work.kind === 'line') work.done?.(false);
  }

  private drain(): void {
    while (this.queue.length > 0 && (this.mode === 'idle' || this.mode === 'question')) {
      const work = this.queue.shift() as Work;
      if (work.kind === 'keys') {
        const keys = work.keys;
        let i = 0;
        while (i < keys.length && (this.mode === 'idle' || this.mode === 'question')) {
          this.handleKey(keys[i] as Key);
          i++;
        }
        // Enter started a command: the rest of this chunk waits for the next prompt.
        if (i < keys.length) this.queue.unshift({ kind: 'keys', keys: keys.slice(i) });
      } else {
        if (this.mode === 'idle' && this.stash === null && this.line.text !== '') this.stash = this.line;
        this.line = lineOf(work.text);
        this.redraw();
        this.commit(work.done);
      }
    }
    if (this.mode === 'idle' && this.stash !== null && !this.queue.some((w) => w.kind === 'line')) {
      this.line = this.stash;
      this.stash = null;
      this.redraw();
    }
  }

  private handleKey(key: Key): void {
    if (this.search && this.searchKey(key)) return;
    if (this.detachPending && key.kind !== 'ctrl-q') {
      this.detachPending = false;
      this.handleKey({ kind: 'up' });
    }
    const line = this.line;
    switch (key.kind) {
      case 'text':
        return this.edit(insert(line, key.text), line.cursor === line.text.length);
      case 'enter':
        return this.commit();
      case 'backspace':
        return this.edit(backspace(line));
      case 'delete':
        return this.edit(deleteForward(line));
      case 'left':
        return this.edit(moveTo(line, line.cursor - 1));
      case 'right':
        return this.edit(moveTo(line, line.cursor + 1));
      case 'home':
        return this.edit(moveTo(line, 0));
      case 'end':
        return this.edit(moveTo(line, line.text.length));
      case 'word-left':
        return this.edit(moveTo(line, wordStartBefore(line.text, line.cursor)));
      case 'word-right':
        return this.edit(moveTo(line, wordEndAfter(line.text, line.cursor)));
      case 'kill-word-back':
        return this.edit(killWordBack(line));
      case 'kill-word-forward':
        return this.edit(killWordForward(line));
      case 'kill-to-start':
        return this.edit(killToStart(line));
      case 'kill-to-end':
        return this.edit(killToEnd(line));
      case 'transpose':
        return this.edit(transpose(line));
      case 'ctrl-p':
        // In a container Ctrl-P may start Docker's detach sequence (Ctrl-P Ctrl-Q).
        if (this.mode === 'idle' && this.session?.container() != null) {
          this.detachPending = true;
          return;
        }
        return this.handleKey({ kind: 'up' });
      case 'ctrl-q': {
        if (this.detachPending && this.mode === 'idle' && this.session) {
          this.detachPending = false;
          const text = this.session.detach();
          if (text !== null) {
            this.line = EMPTY_LINE;
            this.sink.write('\r\n');
            this.atLineStart = true;
            this.output(text);
            this.printPrompt();
          }
        }
        return;
      }
      case 'up':
        if (this.mode === 'idle') {
          const previous = this.history.previous(line.text);
          if (previous !== null) this.edit(lineOf(previous));
        }
        return;
      case 'down':
        if (this.mode === 'idle') {
          const next = this.history.next();
          if (next !== null) this.edit(lineOf(next));
        }
        return;
      case 'tab':
        if (this.mode === 'idle') this.complete();
        return;
      case 'interrupt':
        return this.cancelLine();
      case 'eof':
        return this.endOfFile();
      case 'clear-screen':
        this.sink.clearScreen();
        this.transcript.clear();
        this.atLineStart = true;
        this.renderedCursor = 0;
        this.redraw();
        return;
      case 'reverse-search':
        if (this.mode === 'idle') this.startSearch();
        return;
      case 'abort':
      case 'escape':
      case 'ignored':
        return;
    }
  }

  // --- Ctrl-R: reverse incremental search through the history, as in bash -------------------

  private startSearch(): void {
    this.search = { query: '', index: this.history.list().length, failed: false, before: this.line };
    this.renderSearch();
  }

  /** Finds `query` in history entries at or before `from`, newest first. */
  private findInHistory(query: string, from: number): number {
    const entries = this.history.list();
    for (let i = Math.min(from, entries.length - 1); i >= 0; i--) {
      if ((entries[i] as string).includes(query)) return i;
    }
    return -1;
  }

  private renderSearch(): void {
    const search = this.search;
    if (!search) return;
    const match = this.history.list()[search.index];
    this.promptText = `(${search.failed ? 'failed ' : ''}reverse-i-search)\`${search.query}': `;
    const text = match ?? '';
    const at = match !== undefined && search.query !== '' ? text.indexOf(search.query) : text.length;
    this.line = lineOf(text, at < 0 ? text.length : at);
    this.redraw();
  }

  /** Leaves search mode with the line as shown (accept) or as it was before (cancel). */
  private endSearch(accept: boolean): void {
    const search = this.search;
    if (!search || !this.session) return;
    this.search = null;
    this.promptText = colorizePrompt(this.session.prompt());
    this.line = accept ? lineOf(this.line.text, this.line.cursor) : search.before;
    this.redraw();
  }

  /** Handles a key during search; false means "leave search and treat the key as usual". */
  private searchKey(key: Key): boolean {
    const search = this.search as NonNullable<typeof this.search>;
    switch (key.kind) {
      case 'text': {
        const query = search.query + key.text;
        const found = this.findInHistory(query, search.index);
        this.search = { ...search, query, index: found < 0 ? search.index : found, failed: found < 0 };
        this.renderSearch();
        return true;
      }
      case 'backspace': {
        const query = search.query.slice(0, -1);
        const found = query === '' ? search.index : this.findInHistory(query, this.history.list().length - 1);
        this.search = { ...search, query, index: found < 0 ? search.index : found, failed: found < 0 };
        this.renderSearch();
        return true;
      }
      case 'reverse-search': {
        const found = search.query === '' ? -1 : this.findInHistory(search.query, search.index - 1);
        this.search = { ...search, index: found < 0 ? search.index : found, failed: found < 0 };
        this.renderSearch();
        return true;
      }
      case 'interrupt':
      case 'abort':
        this.endSearch(false);
        return true;
      case 'escape':
        this.endSearch(true);
        return true;
      default:
        // Enter, arrows, Ctrl-A/E...: take the match to the prompt, then do what the key says.
        this.endSearch(true);
        return false;
    }
  }

  private edit(next: LineState, appendAtEnd = false): void {
    const previous = this.line;
    this.line = next;
    if (next === previous) return;
    if (appendAtEnd && next.cursor === next.text.length && next.text.startsWith(previous.text)) {
      // Typing at the end of the line: just echo, no redraw.
      const added = next.text.slice(previous.text.length);
      this.sink.write(added);
      this.renderedCursor += added.length;
      if (this.renderedCursor % this.cols() === 0) this.sink.write(' \b');
      return;
    }
    this.redraw();
  }

  private cols(): number {
    return Math.max(1, this.sink.cols);
  }

  /** Rewrites prompt and line from the prompt's first row, then puts the cursor in place. */
  private redraw(): void {
    const cols = this.cols();
    const promptWidth = visibleWidth(this.promptText);
    let out = '';
    const rowsUp = Math.floor(this.renderedCursor / cols);
    if (rowsUp > 0) out += `\x1b[${rowsUp}A`;
    out += `\r\x1b[J${this.promptText}${this.line.text}`;
    const end = promptWidth + this.line.text.length;
    // At the exact right edge xterm waits to wrap; a space + backspace puts the cursor on the next row.
    if (end > 0 && end % cols === 0) out += ' \b';
    const target = promptWidth + this.line.cursor;
    const up = Math.floor(end / cols) - Math.floor(target / cols);
    if (up > 0 || target !== end) {
      if (up > 0) out += `\x1b[${up}A`;
      out += '\r';
      const column = target % cols;
      if (column > 0) out += `\x1b[${column}C`;
    }
    this.renderedCursor = target;
    this.sink.write(out);
  }

  private printPrompt(): void {
    if (!this.session) return;
    if (!this.atLineStart) this.output('\n');
    // PS2: the shell waits for the rest of a command.
    this.promptText = this.continued ? '> ' : colorizePrompt(this.session.prompt());
    this.renderedCursor = 0;
    this.history.resetNavigation();
    this.redraw();
  }

  /** Writes program output (engine "\n" line ends) and records it in the transcript. */
  private output(text: string, alreadyCrlf = false): void {
    if (text === '') return;
    const data = alreadyCrlf ? text : toCrlf(text);
    this.sink.write(data);
    this.transcript.append(data);
    this.atLineStart = data.endsWith('\n');
    const lastBreak = data.lastIndexOf('\n');
    this.lineTail = lastBreak >= 0 ? data.slice(lastBreak + 1) : this.lineTail + data;
  }

  /** Enter: the line leaves the editor and runs (or answers the pending question). */
  private commit(done?: (ran: boolean) => void): void {
    const text = this.line.text;
    this.line = lineOf(text);
    this.redraw();
    this.sink.write('\r\n');
    this.transcript.append(`${this.promptText}${text}\r\n`);
    this.atLineStart = true;
    this.line = EMPTY_LINE;
    this.renderedCursor = 0;
    if (this.mode === 'question') {
      const answer = this.pendingAnswer;
      this.pendingAnswer = null;
      this.setMode('running');
      answer?.(text);
      done?.(true);
      return;
    }
    const lines = this.continued ? [...this.continued, text] : [text];
    if (lines.length === 1) {
      if (text.length > HISTORY_LINE_LIMIT) this.output(`${dim(`(not kept in history: the line is longer than ${HISTORY_LINE_LIMIT} characters)`)}\n`);
      if (text.trim() === '') {
        this.printPrompt();
        done?.(true);
        return;
      }
    }
    void this.execute(lines, done);
  }

  /** A finished command goes into the history as one line (bash's cmdhist). */
  private remember(lines: readonly string[]): void {
    const entry = lines.length === 1 ? (lines[0] as string) : historyText(lines);
    if (entry !== null && this.history.add(entry)) this.events.onHistoryChange?.(this.history.list());
  }

  /** Runs the lines typed so far; `continuation` false at Ctrl-D, where unfinished input is an error. */
  private async execute(lines: string[], done?: (ran: boolean) => void, continuation = true): Promise<void> {
    const session = this.session;
    if (!session) return;
    const text = lines.join('\n');
    const generation = this.generation;
    const controller = new AbortController();
    this.abort = controller;
    this.setMode('running');
    let result: RunResult | null = null;
    try {
      result = await session.run(text, {
        continuation,
        signal: controller.signal,
        onOutput: (chunk: string, _stream: Stream) => {
          if (generation === this.generation) this.output(chunk);
        },
        readLine: (question: string) => this.ask(question, generation),
      });
    } catch (error) {
      // The engine promises never to throw; if it does, say so and keep the terminal usable.
      if (generation === this.generation) {
        this.output(`docknet: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    done?.(true);
    if (generation !== this.generation) return;
    this.abort = null;
    if (result?.incomplete) {
      this.continued = lines;
      this.setMode('idle');
      this.printPrompt();
      this.drain();
      return;
    }
    this.continued = null;
    this.remember(lines);
    if (result?.clear) {
      this.sink.clearScreen();
      this.transcript.clear();
      this.atLineStart = true;
    }
    this.setMode('idle');
    this.events.onCommandDone?.(text, result);
    this.printPrompt();
    this.drain();
  }

  /** An interactive question from a command (`[y/N]`): the next line typed is the answer. */
  private ask(question: string, generation: number): Promise<string | null> {
    if (generation !== this.generation || this.abort?.signal.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const lines = question.split('\n');
      const last = lines.pop() ?? '';
      if (lines.length > 0) this.output(`${lines.join('\n')}\n`);
      // Output already on this row (a question printed without a newline) stays part of the prompt.
      this.promptText = (this.atLineStart ? '' : this.lineTail.replace(/\r/g, '')) + last;
      this.line = EMPTY_LINE;
      this.renderedCursor = 0;
      this.pendingAnswer = resolve;
      this.setMode('question');
      this.redraw();
      this.atLineStart = false;
      queueMicrotask(() => this.drain());
    });
  }

  /** Ctrl-C at the prompt: abandon the line (bash prints ^C and a fresh prompt). */
  private cancelLine(): void {
    this.line = lineOf(this.line.text);
    this.redraw();
    this.sink.write('^C\r\n');
    this.transcript.append(`${this.promptText}${this.line.text}^C\r\n`);
    this.atLineStart = true;
    this.line = EMPTY_LINE;
    if (this.mode === 'question') {
      const answer = this.pendingAnswer;
      this.pendingAnswer = null;
      this.setMode('running');
      this.abort?.abort();
      answer?.(null);
      return;
    }
    this.stash = null;
    // bash drops a half-typed command on Ctrl-C at the `> ` prompt.
    this.continued = null;
    this.printPrompt();
  }

  /** Ctrl-D: delete forward, or on an empty line leave the container / remote host like `exit`. */
  private endOfFile(): void {
    if (this.line.text !== '') return this.edit(deleteForward(this.line));
    if (this.mode === 'question') return this.cancelLine();
    if (this.continued && this.mode === 'idle') {
      // End of input inside a command: the shell reports what it was still waiting for.
      const lines = this.continued;
      this.sink.write('\r\n');
      this.transcript.append(`${this.promptText}\r\n`);
      this.atLineStart = true;
      void this.execute(lines, undefined, false);
      return;
    }
    const session = this.session;
    if (session && (session.container() !== null || this.isRemote(session))) {
      this.line = lineOf('exit');
      this.commit();
    }
  }

  private isRemote(session: Session): boolean {
    return this.homeHost !== null && session.host() !== this.homeHost;
  }

  private complete(): void {
    const session = this.session;
    if (!session) return;
    const { candidates, start } = session.complete(this.line.text, this.line.cursor);
    if (candidates.length === 0) return;
    const word = this.line.text.slice(start, this.line.cursor);
    if (candidates.length === 1) {
      const only = candidates[0] as string;
      const after = this.line.text[this.line.cursor];
      const suffix = /[/=:]$/.test(only) || after === ' ' ? '' : ' ';
      this.edit(replaceBeforeCursor(this.line, start, only + suffix));
      return;
    }
    const common = longestCommonPrefix(candidates);
    if (common.length > word.length && common.startsWith(word)) {
      this.edit(replaceBeforeCursor(this.line, start, common));
      return;
    }
    // Nothing more to add: list the candidates under the line and redraw it, as bash does.
    const cursor = this.line.cursor;
    this.line = lineOf(this.line.text);
    this.redraw();
    this.sink.write(`\r\n${formatColumns(candidates, this.cols()).join('\r\n')}\r\n`);
    this.atLineStart = true;
    this.line = lineOf(this.line.text, cursor);
    this.renderedCursor = 0;
    this.redraw();
  }
}
