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
const BLOCK_RUN = /^([ \t]*)<Run>([\s\S]*?)<\/Run>[ \t]*$/gm;

/** Rewrites `<Run>` blocks outside fenced code into runnable fences. */
export function preprocessRunTags(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flushProse = () => {
    if (prose.length > 0) out.push(rewriteRunTags(prose.join('\n')));
    prose = [];
  };
  for (const line of lines) {
    const match = FENCE.exec(line);
    if (fence === null && match?.[1]) {
      flushProse();
      fence = match[1];
      out.push(line);
    } else if (fence !== null) {
      out.push(line);
      if (match?.[1] && match[1][0] === fence[0] && match[1].length >= fence.length && line.trim() === match[1]) {
        fence = null;
      }
    } else {
      prose.push(line);
    }
  }
  flushProse();
  return out.join('\n');
}

function rewriteRunTags(text: string): string {
  return text.replace(BLOCK_RUN, (_whole, indent: string, body: string) => {
    const commands = body
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    return [`${indent}\`\`\`sh run`, ...commands.map((command) => `${indent}${command}`), `${indent}\`\`\``].join('\n');
  });
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
