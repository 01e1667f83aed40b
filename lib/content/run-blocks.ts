/**
 * Build-time transforms that make command blocks runnable:
 *
 * - `preprocessRunTags` rewrites block `<Run>…</Run>` elements into ```sh run fences BEFORE MDX
 *   parses the file, so commands may contain `{{.Go.Templates}}`, `<` and `*` freely (MDX would
 *   otherwise read `{…}` as a JavaScript expression and `*x*` as emphasis).
 * - `remarkRunBlocks` wraps every fence whose meta has the word `run` in a `<RunBlock commands>`
 *   element; the fence itself stays inside, so rehype-pretty-code still highlights it.
 *
 * A block may name the host whose terminal tab runs it: ```sh run host=host2, or
 * `<Run host="host2">`. `runBlockHosts` lists those, with their lines, for validation.
 */
import { parseRunCommands } from './run-commands';

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const HOST_ATTR = String.raw`\s+host=(?:"([^"]*)"|'([^']*)')`;
const RUN_OPEN = new RegExp(String.raw`^([ \t]*)<Run(?:${HOST_ATTR})?\s*>`);
const RUN_CLOSE = /<\/Run>[ \t]*$/;
/** `host=host2` (or quoted) among a run fence's meta words. */
const META_HOST = /(?:^|\s)host=(?:"([^"]*)"|'([^']*)'|(\S*))/;

/** The host a run fence's meta names ("sh run host=host2" → "host2"), or null. */
export function runMetaHost(meta: string | null | undefined): string | null {
  const match = META_HOST.exec(meta ?? '');
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

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
    const host = open[2] ?? open[3];
    push(`${indent}\`\`\`sh run${host === undefined ? '' : ` host=${host}`}`, i);
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

function runBlock(commands: string[], code: MdNode, host: string | null): MdNode {
  const attributes: unknown[] = [{ type: 'mdxJsxAttribute', name: 'commands', value: JSON.stringify(commands) }];
  if (host !== null) attributes.push({ type: 'mdxJsxAttribute', name: 'host', value: host });
  return { type: 'mdxJsxFlowElement', name: 'RunBlock', attributes, children: [code] };
}

/** A JSX element's string attribute (`<Run host="host2">`), or null. */
function stringAttribute(node: MdNode, name: string): string | null {
  for (const attribute of node.attributes ?? []) {
    const a = attribute as { type?: string; name?: string; value?: unknown };
    if (a.type === 'mdxJsxAttribute' && a.name === name && typeof a.value === 'string') return a.value;
  }
  return null;
}

function transform(node: MdNode): void {
  const children = node.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!child) continue;
    if (child.type === 'code' && typeof child.meta === 'string' && RUN_META.test(child.meta)) {
      const host = runMetaHost(child.meta);
      const meta = child.meta.replace(RUN_META, ' ').replace(META_HOST, ' ').trim();
      const code: MdNode = { ...child, lang: child.lang ?? 'sh', meta: meta === '' ? null : meta };
      children[i] = runBlock(parseRunCommands(child.value ?? ''), code, host);
      continue;
    }
    if (child.type === 'mdxJsxFlowElement' && child.name === 'Run') {
      // A block <Run> that the preprocessor did not rewrite (for instance one with attributes).
      const text = textOf(child);
      const commands = parseRunCommands(text);
      children[i] = runBlock(commands, { type: 'code', lang: 'sh', meta: null, value: commands.join('\n') }, stringAttribute(child, 'host'));
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

export interface RunHostUse {
  host: string;
  /** 1-based line and column of the `host=` in lesson.mdx. */
  line: number;
  column: number;
  /** The `<Exercise id>` the block sits in (its lab may have other hosts), or null. */
  exercise: string | null;
}

const EXERCISE_OPEN = /<Exercise\s+id=(?:"([^"]*)"|'([^']*)')[^>]*?(\/)?>/g;
const EXERCISE_CLOSE = /<\/Exercise>/g;
const RUN_TAG_HOST = new RegExp(String.raw`<Run${HOST_ATTR}`, 'g');

/**
 * Every host a Run block of an MDX body names (```sh run host=… fences and `<Run host="…">`
 * tags outside other code), with its line, and the exercise it belongs to.
 */
export function runBlockHosts(body: string, bodyLine = 1): RunHostUse[] {
  const uses: RunHostUse[] = [];
  let fence: string | null = null;
  let exercise: string | null = null;
  body.split('\n').forEach((line, index) => {
    const match = FENCE.exec(line);
    if (fence !== null) {
      if (match?.[1] && match[1][0] === fence[0] && match[1].length >= fence.length && line.trim() === match[1]) fence = null;
      return;
    }
    if (match?.[1]) {
      fence = match[1];
      const meta = line.slice(match[0].length);
      const host = RUN_META.test(meta.replace(/^\S*/, ' ')) ? runMetaHost(meta) : null;
      if (host !== null) uses.push({ host, line: bodyLine + index, column: line.indexOf('host=') + 1, exercise });
      return;
    }
    // Tags in reading order: an exercise opened on this line holds the Runs after it.
    const events: { at: number; run?: string; open?: string | null; close?: true }[] = [];
    for (const m of line.matchAll(EXERCISE_OPEN)) events.push({ at: m.index, open: m[3] ? null : (m[1] ?? m[2] ?? '') });
    for (const m of line.matchAll(EXERCISE_CLOSE)) events.push({ at: m.index, close: true });
    for (const m of line.matchAll(RUN_TAG_HOST)) events.push({ at: m.index, run: m[1] ?? m[2] ?? '' });
    for (const e of events.sort((a, b) => a.at - b.at)) {
      if (e.close) exercise = null;
      else if (e.open !== undefined) exercise = e.open ?? exercise;
      else if (e.run !== undefined) uses.push({ host: e.run, line: bodyLine + index, column: line.indexOf('host=', e.at) + 1, exercise });
    }
  });
  return uses;
}
