/**
 * A command typed over several lines (`for i in 1 2; do` Enter `echo $i` Enter `done`) goes into
 * the history as one line, the way bash's cmdhist joins it: "; " between lines, a space after
 * words that open a block or a pipe (`do`, `then`, `{`, `|`, `&&`). A command continued inside
 * quotes or a here-document keeps its newlines (null: the line editor cannot recall it).
 */
const OPENERS = /(?:^|\s)(?:do|then|else|elif|in|\{|\(|\|\||&&|\||!)$|[;&|(]$/;

export function historyText(lines: readonly string[]): string | null {
  let text = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    if (insideQuotes(text) || /<<-?\s*\S/.test(text)) return null;
    const before = text.trimEnd();
    const next = lines[i]!.trim();
    if (next === '') continue;
    text = before === '' ? next : `${before}${OPENERS.test(before) ? ' ' : '; '}${next}`;
  }
  return text;
}

/** Whether the text ends inside single or double quotes (backslashes escape outside single quotes). */
function insideQuotes(text: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
    } else if (ch === '\\') i++;
    else if (quote === '"') {
      if (ch === '"') quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    }
  }
  return quote !== null;
}
