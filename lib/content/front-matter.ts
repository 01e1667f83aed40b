/**
 * Splits a lesson.mdx into its YAML front matter and its MDX body, keeping line numbers: the
 * caller gets the line each part starts on, so errors in either point at the file's own lines.
 * Only `---` YAML front matter is recognised; nothing in it is ever evaluated (gray-matter, which
 * this replaces, ran `---js` blocks as code).
 */

export interface FrontMatterSplit {
  /** The YAML between the fences, or null when the file has no front matter. */
  yaml: string | null;
  /** 1-based line of the file where the YAML starts (the line after the opening fence). */
  yamlLine: number;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** Set when an opening fence has no closing one. */
  error: string | null;
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

export function splitFrontMatter(source: string): FrontMatterSplit {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (!OPEN.test(lines[0] ?? '')) return { yaml: null, yamlLine: 1, body: text, bodyLine: 1, error: null };
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i] ?? '')) {
      return { yaml: lines.slice(1, i).join('\n'), yamlLine: 2, body: lines.slice(i + 1).join('\n'), bodyLine: i + 2, error: null };
    }
  }
  return { yaml: null, yamlLine: 2, body: text, bodyLine: 1, error: 'the front matter opened with "---" on line 1 is never closed by a "---" line' };
}

/** The body padded with blank lines so that line N of what a compiler sees is line N of the file. */
export function bodyWithFileLines(split: Pick<FrontMatterSplit, 'body' | 'bodyLine'>): string {
  return '\n'.repeat(split.bodyLine - 1) + split.body;
}

/** Joins front matter and body back into a lesson.mdx. */
export function joinFrontMatter(yaml: string, body: string): string {
  return `---\n${yaml.replace(/\n*$/, '\n')}---\n${body}`;
}
