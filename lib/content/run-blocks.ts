/**
 * Build-time transforms that make command blocks runnable:
 *
 * - `preprocessRunTags` rewrites block `<Run>…</Run>` elements into ```sh run fences BEFORE MDX
 *   parses the file, so commands may contain `{{.Go.Templates}}`, `<` and `*` freely (MDX would
 *   otherwise read `{…}` as a JavaScript expression and `*x*` as emphasis).
 * - `remarkRunBlocks` wraps every fence whose meta has the word `run` in a `<RunBlock commands>`
 *   element; the fence itself stays inside, so rehype-pretty-code still highlights it.
 */
import { parseRunCommands } from './run-commands';

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const RUN_OPEN = /^([ \t]*)<Run>/;
const RUN_CLOSE = /<\/Run>[ \t]*$/;

/** Rewrites `<Run>` blocks outside fenced code into runnable fences. */
export function preprocessRunTags(source: string): string {
  return preprocessRunTagsMapped(source).text;
}

/**
 * Same, and for each output line the 0-based line of `source` it came from, so a compiler's
 * error on the rewritten text can name the author's line.
 */
export function preprocessRunTagsMapped(source: string): { text: string; origin: number[] } {
  const lines = source.split('\n');
  const out: string[] = [];
  const origin: number[] = [];
  const push = (line: string, from: number) => {
    out.push(line);
    origin.push(from);
  };
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const match = FENCE.exec(line);
    if (fence !== null) {
      push(line, i);
      if (match?.[1] && match[1][0] === fence[0] && match[1].length >= fence.length && line.trim() === match[1]) fence = null;
      continue;
    }
    if (match?.[1]) {
      fence = match[1];
      push(line, i);
      continue;
    }
    const open = RUN_OPEN.exec(line);
    const block = open ? runBlockAt(lines, i, open[0].length) : null;
    if (!open || !block) {
      push(line, i);
      continue;
    }
    const indent = open[1] ?? '';
    push(`${indent}\`\`\`sh run`, i);
    for (const command of block.commands) push(`${indent}${command.text}`, command.line);
    push(`${indent}\`\`\``, block.end);
    i = block.end;
  }
  return { text: out.join('\n'), origin };
}

/** The block `<Run>` opening at lines[start] (text after the tag from `from`): its lines up to `</Run>` at a line end. */
function runBlockAt(lines: readonly string[], start: number, from: number): { commands: { text: string; line: number }[]; end: number } | null {
  const commands: { text: string; line: number }[] = [];
  for (let j = start; j < lines.length; j++) {
    let text = j === start ? (lines[j] as string).slice(from) : (lines[j] as string);
    const close = RUN_CLOSE.exec(text);
    if (close) text = text.slice(0, close.index);
    if (text.trim() !== '') commands.push({ text: text.trim(), line: j });
    if (close) return { commands, end: j };
  }
  return null;
}

/** The few mdast shapes this plugin touches (kept local: the mdast types are not a dependency). */
interface MdNode {
  type: string;
  children?: MdNode[];
  lang?: string | null;
  meta?: string | null;
  value?: string;
  name?: string | null;
  attributes?: unknown[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const RUN_META = /(^|\s)run(\s|$)/;

function textOf(node: MdNode): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(textOf).join(node.type === 'paragraph' ? '' : '\n');
}

function runBlock(commands: string[], code: MdNode): MdNode {
  return {
    type: 'mdxJsxFlowElement',
    name: 'RunBlock',
    attributes: [{ type: 'mdxJsxAttribute', name: 'commands', value: JSON.stringify(commands) }],
    children: [code],
  };
}

function transform(node: MdNode): void {
  const children = node.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!child) continue;
    if (child.type === 'code' && typeof child.meta === 'string' && RUN_META.test(child.meta)) {
      const meta = child.meta.replace(RUN_META, ' ').trim();
      const code: MdNode = { ...child, lang: child.lang ?? 'sh', meta: meta === '' ? null : meta };
      children[i] = runBlock(parseRunCommands(child.value ?? ''), code);
      continue;
    }
    if (child.type === 'mdxJsxFlowElement' && child.name === 'Run') {
      // A block <Run> that the preprocessor did not rewrite (for instance one with attributes).
      const text = textOf(child);
      const commands = parseRunCommands(text);
      children[i] = runBlock(commands, { type: 'code', lang: 'sh', meta: null, value: commands.join('\n') });
      continue;
    }
    transform(child);
  }
}

/** remark plugin: see the file comment. */
export function remarkRunBlocks() {
  return (tree: MdNode) => {
    transform(tree);
  };
}
