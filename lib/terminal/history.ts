/**
 * Command history with bash-like navigation: Up walks back from the newest entry, Down walks
 * forward and finally returns the line the learner was typing before they pressed Up.
 */

export const HISTORY_LIMIT = 1000;
/**
 * Longer lines run but are not kept: 1000 of them would not fit in a saved lab (1 MB). 4096 is
 * the Linux tty's own line limit (N_TTY_BUF_SIZE) for a line typed in canonical mode.
 */
export const HISTORY_LINE_LIMIT = 4096;

/** Whether a line may be kept in history (and in a saved lab). */
export function keepable(line: string): boolean {
  return line.length <= HISTORY_LINE_LIMIT;
}

export class CommandHistory {
  private entries: string[];
  /** Index into entries while navigating; entries.length means "the draft line". */
  private index: number;
  private draft = '';

  constructor(initial: readonly string[] = []) {
    this.entries = initial.filter(keepable).slice(-HISTORY_LIMIT);
    this.index = this.entries.length;
  }

  list(): readonly string[] {
    return this.entries;
  }

  /** Records a run line (ignoring blanks, an immediate repeat like HISTCONTROL=ignoredups, and over-long lines). */
  add(line: string): boolean {
    this.resetNavigation();
    const trimmed = line.trim();
    if (trimmed === '' || !keepable(line) || this.entries[this.entries.length - 1] === line) return false;
    this.entries.push(line);
    if (this.entries.length > HISTORY_LIMIT) this.entries.splice(0, this.entries.length - HISTORY_LIMIT);
    this.index = this.entries.length;
    return true;
  }

  /** The older entry, or null at the oldest. `current` is the line on screen (kept as the draft). */
  previous(current: string): string | null {
    if (this.index === 0 || this.entries.length === 0) return null;
    if (this.index === this.entries.length) this.draft = current;
    this.index--;
    return this.entries[this.index] ?? null;
  }

  /** The newer entry, the draft after the newest, or null when already on the draft. */
  next(): string | null {
    if (this.index >= this.entries.length) return null;
    this.index++;
    return this.index === this.entries.length ? this.draft : (this.entries[this.index] ?? null);
  }

  resetNavigation(): void {
    this.index = this.entries.length;
    this.draft = '';
  }

  clear(): void {
    this.entries = [];
    this.resetNavigation();
  }
}
