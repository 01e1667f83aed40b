/**
 * How the docker CLI shows a JSON progress stream (moby pkg/jsonmessage/jsonmessage.go
 * DisplayJSONMessagesStream, as vendored in docker/cli@v28.5.2): on a terminal each ID owns a
 * line that is redrawn in place (cursor up, erase line, text, cursor down); elsewhere every
 * message is its own line and progress bars are left out.
 */

/** progress.Progress as the service progress writes it (Action with counts, or a Message). */
export interface ProgressMsg {
  id: string;
  /** WriteProgress's Action: shown with the bar, if any (a JSON message with progressDetail). */
  action?: string;
  /** progress.Message: a plain status line, no progressDetail. */
  message?: string;
  current?: number;
  total?: number;
}

/** docker's terminal width when it cannot ask (jsonmessage.go width()): bars need more than 110 columns. */
const ASSUMED_WIDTH = 200;

/** JSONProgress.String() with HideCounts and no start time: only the bar, when it fits. */
export function progressBar(current: number, total: number, width = ASSUMED_WIDTH): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return '';
  const percentage = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  if (width <= 110) return '';
  return `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] `;
}

export class JsonProgressDisplay {
  private ids = new Map<string, number>();
  /** What each line shows now: a redraw of the same text changes nothing on screen. */
  private shown = new Map<string, string>();
  /** The cursor was last left below the block of redrawn lines. */
  private below = false;

  /**
   * `tty`: stdout is a terminal. The lab has no terminal width; it draws bars as a terminal
   * wider than 110 columns would (docker leaves them out on narrower ones).
   */
  constructor(
    private readonly out: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  write(m: ProgressMsg): void {
    if (m.message !== undefined) {
      // A status message (no progressDetail) ends the block of redrawn lines.
      this.ids.clear();
      this.shown.clear();
      this.emit(`${m.id ? `${m.id}: ` : ''}${m.message}\n`);
      return;
    }
    const bar = progressBar(m.current ?? 0, m.total ?? 0);
    const status = m.action ?? '';
    if (!this.tty) {
      // Not a terminal: lines with a bar are dropped, the others printed as they come.
      if (bar !== '') return;
      this.emit(`${m.id ? `${m.id}: ` : ''}${status}\n`);
      return;
    }
    const text = `${m.id ? `${m.id}: ` : ''}${status} ${bar}`;
    if (!m.id) {
      this.emit(`\x1b[2K\r${text}\r`);
      return;
    }
    let line = this.ids.get(m.id);
    let prefix = '';
    if (line === undefined) {
      line = this.ids.size;
      this.ids.set(m.id, line);
      prefix = '\n';
    } else if (this.shown.get(m.id) === text) {
      return;
    }
    this.shown.set(m.id, text);
    const diff = this.ids.size - line;
    this.emit(`${prefix}\x1b[${diff}A\x1b[2K\r${text}\r\x1b[${diff}B`);
  }

  /**
   * After the last message the cursor sits at the start of the line below the block, as in
   * docker. The lab's terminal puts a prompt on a new line unless output ended with "\n", so the
   * last step down is taken as a line feed: same place on screen, no extra blank line.
   */
  close(): void {
    if (this.tty && this.below) this.emit('\x1b[1A\n');
  }

  private emit(text: string): void {
    this.below = /\x1b\[\d+B$/.test(text);
    this.out(text);
  }
}
