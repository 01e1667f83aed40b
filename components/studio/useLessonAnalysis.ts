/**
 * Re-reads the lesson being edited a short pause after each change: parses the folder (front matter,
 * exercises, placements) and compiles the MDX, exactly as the build and content:check do.
 */
import { useEffect, useRef, useState } from 'react';
import type { LessonSource } from '@/lib/content/lesson-folder';
import type { MdxError } from '@/lib/content/mdx-compile';
import type { Problem } from '@/lib/content/problems';
import type { LessonDraft } from '@/lib/studio/lesson-draft';

/** Parsing and compiling load after the editor (see lib/studio/analyze.ts). */
export const loadAnalyzer = () => import('@/lib/studio/analyze');

export interface LessonAnalysis {
  /** Increments with every analysis (the preview marks which one it shows). */
  version: number;
  lesson: LessonSource | null;
  problems: Problem[];
  /** The last MDX that compiled (the preview keeps showing it while the text has an error). */
  code: string | null;
  mdxError: MdxError | null;
  /** performance.now() of the edit this analysis reflects. */
  editAt: number;
}

/** Typing pauses this long before the preview updates (the target is < 500 ms in all). */
export const PAUSE_MS = 200;

export function useLessonAnalysis(draft: LessonDraft | null, editAt: number): LessonAnalysis {
  const [analysis, setAnalysis] = useState<LessonAnalysis>({ version: 0, lesson: null, problems: [], code: null, mdxError: null, editAt: 0 });
  const lastCode = useRef<{ slug: string; code: string } | null>(null);
  useEffect(() => {
    if (!draft) return;
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      const { parseDraft, compileLessonMdx } = await loadAnalyzer();
      if (cancelled) return;
      const parsed = parseDraft(draft);
      const problems = [...parsed.problems];
      let mdxError: MdxError | null = null;
      if (parsed.lesson) {
        const compiled = await compileLessonMdx(parsed.lesson.body, parsed.lesson.bodyLine);
        if (compiled.ok) lastCode.current = { slug: draft.slug, code: compiled.code };
        else {
          mdxError = compiled.error;
          problems.push({ file: parsed.lesson.file, line: compiled.error.line, column: compiled.error.column, message: `MDX: ${compiled.error.message}` });
        }
      }
      if (cancelled) return;
      const code = lastCode.current?.slug === draft.slug ? lastCode.current.code : null;
      setAnalysis((a) => ({ version: a.version + 1, lesson: parsed.lesson, problems, code, mdxError, editAt }));
    }, PAUSE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [draft, editAt]);
  return analysis;
}
