import type { Script, Word } from './ast';
import { RESERVED } from './tokens';

/**
 * Most lines typed at a terminal are one command of plain words (`docker network ls`, `ip a`,
 * `curl -s localhost:8080`). Those are read here without the recursive descent, which costs
 * some fifty calls per line; anything else (quotes, expansions, operators, assignments, reserved
 * words, comments, globs, `~`) goes to the parser. quick.test.ts checks the trees are the same.
 */
const PLAIN_LINE = /^[ \t]*[A-Za-z0-9_\-./:,@%+]+(?:[ \t]+[A-Za-z0-9_\-./:,@%+=]+)*[ \t]*\n?$/;

/** The first word is where the grammar looks for keywords; these start something else there. */
const NOT_PLAIN_FIRST = new Set([...RESERVED, 'function', '[[', 'select', 'coproc']);

export function quickParse(src: string): Script | null {
  if (src.length > 4096 || !PLAIN_LINE.test(src)) return null;
  const texts = src.trim().split(/[ \t]+/);
  if (NOT_PLAIN_FIRST.has(texts[0]!)) return null;
  const words: Word[] = texts.map((text) => ({ parts: [{ type: 'lit', text }], text }));
  return {
    type: 'script',
    items: [
      {
        andor: { head: { bang: false, commands: [{ type: 'simple', assigns: [], words, redirects: [], line: 1 }], line: 1 }, tail: [] },
        background: false,
        text: src.trim(),
      },
    ],
  };
}
