/**
 * Compiles a lesson's MDX body with @mdx-js/mdx: the same remark pipeline at build time and in the
 * studio's preview (block `<Run>`s and ```sh run fences become RunBlocks). The build adds syntax
 * highlighting (rehype-pretty-code, Node-side). Errors carry the line and column of lesson.mdx.
 */
import { compile } from '@mdx-js/mdx';
import type { CompileOptions } from '@mdx-js/mdx';
import { bodyWithFileLines } from './front-matter';
import { preprocessRunTagsMapped, remarkRunBlocks } from './run-blocks';

export interface MdxError {
  line: number;
  column: number;
  message: string;
}

export type MdxCompileResult = { ok: true; code: string } | { ok: false; error: MdxError };

interface VFileMessageLike {
  reason?: string;
  message?: string;
  line?: number | null;
  column?: number | null;
  place?: { line?: number; column?: number; start?: { line?: number; column?: number } } | null;
}

/** Compiles to a function body for `runSync`/`run` from @mdx-js/mdx (see mdx-runtime.ts). */
export async function compileLessonMdx(body: string, bodyLine: number, options: { rehypePlugins?: CompileOptions['rehypePlugins'] } = {}): Promise<MdxCompileResult> {
  const { text, origin } = preprocessRunTagsMapped(bodyWithFileLines({ body, bodyLine }));
  try {
    const file = await compile(text, {
      outputFormat: 'function-body',
      development: false,
      remarkPlugins: [remarkRunBlocks],
      rehypePlugins: options.rehypePlugins ?? [],
    });
    return { ok: true, code: String(file.value) };
  } catch (thrown) {
    const m = (thrown ?? {}) as VFileMessageLike;
    const start = m.place && 'start' in m.place ? m.place.start : m.place;
    const outLine = m.line ?? start?.line ?? bodyLine;
    const fileLine = (n: number) => (origin[n - 1] ?? n - 1) + 1;
    // Messages quote positions too ("a closing tag for `<Note>` (331:1-331:7)"): name the file's lines.
    const reason = (m.reason ?? m.message ?? String(thrown)).replace(/\b(\d+):(\d+)\b/g, (_all, l: string, c: string) => `${fileLine(Number(l))}:${c}`);
    return { ok: false, error: { line: fileLine(outLine), column: m.column ?? start?.column ?? 1, message: reason } };
  }
}
