/** Small helpers for the escape sequences the shell writes to xterm. */

const SGR = /\x1b\[[0-9;]*m/g;

/** Columns a string occupies on screen (colour codes take none). Wide characters are rare here. */
export function visibleWidth(text: string): number {
  return text.replace(SGR, '').length;
}

/** Terminal line ends: xterm needs CR LF, the engine speaks "\n". */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Debian's default bash colours: green user@host, blue working directory. */
export function colorizePrompt(prompt: string): string {
  const match = /^([^@\s]+@[^:\s]+):([^#$]*)([#$] ?)$/.exec(prompt);
  if (!match) return prompt;
  const [, who = '', where = '', sigil = ''] = match;
  return `\x1b[1;32m${who}\x1b[0m:\x1b[1;34m${where}\x1b[0m${sigil}`;
}

/** Grey text for notes from Docknet itself. (Not SGR 2 "dim": xterm halves its contrast.) */
export const dim = (text: string) => `\x1b[90m${text}\x1b[39m`;

export function longestCommonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] as string;
  for (const word of words) {
    let i = 0;
    while (i < prefix.length && i < word.length && prefix[i] === word[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** Lays candidates out in columns, top to bottom then left to right, like bash's completion list. */
export function formatColumns(words: readonly string[], width: number): string[] {
  if (words.length === 0) return [];
  const cell = Math.max(...words.map((w) => w.length)) + 2;
  const columns = Math.max(1, Math.floor(width / cell));
  const rows = Math.ceil(words.length / columns);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < columns; c++) {
      const word = words[c * rows + r];
      if (word !== undefined) line += word.padEnd(cell);
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
