/**
 * Table layout as the docker CLI does it: Go's text/tabwriter (docker's fork, which measures
 * cells with go-runewidth) with minwidth 10, padding 3, padchar ' ' and no flags. Every cell
 * that is followed by another cell on its line is padded to its column's width; a line's last
 * cell is never padded, so lines carry no trailing spaces unless the last cell is empty.
 */

const MIN_WIDTH = 10;
const PADDING = 3;

/**
 * Terminal columns a code point takes: 0 for combining marks and zero-width characters, 2 for
 * East-Asian wide/fullwidth characters and emoji, 1 otherwise. A compact version of
 * go-runewidth's tables (non-CJK locale, so ambiguous characters like "…" are 1).
 */
function codePointWidth(cp: number): number {
  if (cp === 0) return 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, direction marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0x20d0 && cp <= 0x20ff) // combining marks for symbols
  )
    return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo initials
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals … CJK symbols and punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // Hiragana … CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) || // Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // fullwidth forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) || // pictographs, emoticons
    (cp >= 0x1f680 && cp <= 0x1f6ff) || // transport and map symbols
    (cp >= 0x1f900 && cp <= 0x1f9ff) || // supplemental symbols and pictographs
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B…
  )
    return 2;
  return 1;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** How many terminal columns `s` occupies. */
export function displayWidth(s: string): number {
  // Printable ASCII, nearly every cell docker prints: one column per character.
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let width = 0;
  for (const ch of s) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}

/**
 * Lays out rows of cells and returns the lines (without newlines). Rows may have different
 * lengths: as in tabwriter, a column's width is shared by each run of consecutive rows that
 * have a padded cell in that column.
 */
export function formatTableCells(rows: string[][], minWidth = MIN_WIDTH): string[] {
  const out: string[] = new Array<string>(rows.length);
  const widths: number[] = [];
  // A cell is part of a column only if another cell follows it on its line.
  const hasColumn = (row: number, column: number) => column < (rows[row]?.length ?? 0) - 1;

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = rows[i]!;
      let line = '';
      cells.forEach((cell, j) => {
        line += cell;
        if (j < widths.length) line += ' '.repeat(Math.max(widths[j]! - displayWidth(cell), 0));
      });
      out[i] = line;
    }
  };

  // tabwriter's recursive block formatting: find each run of lines sharing the next column,
  // fix that column's width, then lay out the columns to its right within the run.
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let row = line0; row < line1; row++) {
      if (!hasColumn(row, column)) continue;
      writeLines(line0, row);
      line0 = row;
      let width = minWidth;
      for (; row < line1 && hasColumn(row, column); row++) {
        width = Math.max(width, displayWidth(rows[row]![column]!) + PADDING);
      }
      widths.push(width);
      format(line0, row);
      widths.pop();
      line0 = row;
    }
    writeLines(line0, line1);
  };

  format(0, rows.length);
  return out;
}

/** Renders rows (the first is the header) as docker's tables do; each line ends with "\n". `docker top` uses minwidth 20. */
export function formatTable(rows: string[][], minWidth = MIN_WIDTH): string {
  if (rows.length === 0) return '';
  return formatTableCells(rows, minWidth).join('\n') + '\n';
}

/**
 * Runs text through the tabwriter the way docker does with `--format 'table …'` output:
 * cells end at "\t", lines at "\n". A final line without "\n" is laid out but not terminated.
 */
export function formatTabbedText(text: string): string {
  if (text === '') return '';
  const lines = text.split('\n');
  const endsWithNewline = lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  const rendered = formatTableCells(lines.map((line) => line.split('\t'))).join('\n');
  return endsWithNewline ? rendered + '\n' : rendered;
}
