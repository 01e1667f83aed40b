import { escapePattern } from './pattern';
import { MAX_VALUE } from './state';

/** Raised when one word would grow past the lab's limit. */
export class WordTooLarge {}

interface Field {
  text: string;
  /** The same text as a pattern: quoted characters escaped. */
  pat: string;
  /** Unquoted `* ? [` appeared: a candidate for pathname expansion. */
  glob: boolean;
  /** The field exists even if empty (it held quotes or text). */
  started: boolean;
}

const fresh = (): Field => ({ text: '', pat: '', glob: false, started: false });
const GLOB = /[*?[]/;

/**
 * Builds the fields of one word as its parts are expanded: quoted text is kept whole, the results
 * of unquoted expansions are split on IFS (POSIX 2.6.5: IFS white space collapses and is trimmed,
 * each other IFS character ends a field, possibly an empty one), unquoted glob characters are noted.
 */
export class FieldBuilder {
  readonly fields: Field[] = [];
  private cur: Field = fresh();
  private afterWhite = false;
  private readonly white: string;
  private readonly other: string;

  constructor(
    /** Whether unquoted expansions are split into fields (command words, `for` lists). */
    readonly split: boolean,
    ifs: string,
  ) {
    this.white = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
    this.other = [...ifs].filter((c) => c !== ' ' && c !== '\t' && c !== '\n').join('');
  }

  private grow(text: string, pat: string): void {
    const c = this.cur;
    if (c.text.length + text.length > MAX_VALUE) throw new WordTooLarge();
    c.text += text;
    c.pat += pat;
    c.started = true;
    this.afterWhite = false;
  }

  /** Quoted text: never split, never a pattern character. */
  quoted(s: string): void {
    this.grow(s, escapePattern(s));
  }

  /** Unquoted text written in the command: glob characters count, no splitting. */
  literal(s: string): void {
    if (!s) return;
    this.grow(s, s);
    if (GLOB.test(s)) this.cur.glob = true;
  }

  /** The result of an unquoted expansion: split on IFS (when splitting), glob characters count. */
  expanded(s: string): void {
    if (!this.split || (!this.white && !this.other)) {
      this.literal(s);
      return;
    }
    let run = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      const isWhite = this.white.includes(ch);
      if (!isWhite && !this.other.includes(ch)) continue;
      this.literal(s.slice(run, i));
      run = i + 1;
      if (isWhite) {
        if (this.cur.started) {
          this.end(false);
          this.afterWhite = true;
        }
      } else {
        if (this.cur.started || !this.afterWhite) this.end(true);
        this.afterWhite = false;
      }
    }
    this.literal(s.slice(run));
  }

  /** The field exists even if it stays empty (`""`). */
  mark(): void {
    this.cur.started = true;
  }

  /** Between two positional parameters of `$@`: a new field (or a space where words are not split). */
  boundary(force: boolean): void {
    if (!this.split) {
      this.quoted(' ');
      return;
    }
    this.end(force);
  }

  private end(force: boolean): void {
    if (this.cur.started || force) this.fields.push(this.cur);
    this.cur = fresh();
  }

  done(): Field[] {
    this.end(false);
    return this.fields;
  }

  /** The single text of a word that is not split (assignments, `case` words, redirection targets). */
  text(): string {
    return this.fields.map((f) => f.text).join('') + this.cur.text;
  }

  pattern(): string {
    return this.fields.map((f) => f.pat).join('') + this.cur.pat;
  }
}
