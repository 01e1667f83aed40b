/**
 * What the terminal showed, as terminal data (CRLF line ends, colour codes kept), capped to the
 * most recent lines. It is saved with the lab so a reload shows the learner's session again.
 * Only committed lines and program output go in: never the cursor dance of line editing.
 */

export const TRANSCRIPT_LIMIT = 60_000;

export class Transcript {
  private text = '';

  constructor(private readonly limit = TRANSCRIPT_LIMIT) {}

  append(data: string): void {
    this.text += data;
    if (this.text.length > this.limit) {
      const cut = this.text.indexOf('\n', this.text.length - this.limit);
      this.text = cut >= 0 ? this.text.slice(cut + 1) : this.text.slice(-this.limit);
    }
  }

  clear(): void {
    this.text = '';
  }

  toString(): string {
    return this.text;
  }
}
