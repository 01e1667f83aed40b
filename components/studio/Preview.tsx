'use client';

/**
 * The live preview: the lesson as a learner sees it, with the real MDX components (Run, Terminal,
 * Topology, Exercise) and the real lab pane, rendered from the studio's last good compile.
 */
import { Component, useEffect, useMemo, type ReactNode } from 'react';
import { LabPane } from '@/components/lab/LabPane';
import { useLab, type LabConfig } from '@/components/lab/LabProvider';
import { LessonExercisesProvider } from '@/components/mdx/Exercise';
import { mdxComponents } from '@/components/mdx/mdx-components';
import { labWorldOf } from '@/lib/content/lab-world';
import type { LessonSource } from '@/lib/content/lesson-folder';
import { mdxComponentFromCode } from '@/lib/content/mdx-runtime';
import type { LessonAnalysis } from './useLessonAnalysis';

/** The slug exercises get in the preview: its labs and checks never touch a learner's own. */
export const previewSlug = (slug: string) => `studio~${slug}`;

export function lessonLabConfig(slug: string, lesson: LessonSource | null): LabConfig {
  const lab = lesson ? labWorldOf(lesson.frontmatter.lab) : { hosts: ['host1'] };
  const setup = lesson?.frontmatter.lab.setup ?? [];
  return {
    // A new world, host list or setup is a new preview lab.
    labKey: `studio:${slug}:${JSON.stringify({ ...lab, setup })}`,
    ...lab,
    setup,
    welcome: `Preview lab of ${slug} on ${lab.hosts.join(', ')}.`,
  };
}

class PreviewBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: string | null; key: string }> {
  override state = { error: null as string | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    if (this.state.error) {
      return (
        <p role="alert" className="callout callout-warning">
          The preview could not render: {this.state.error}
        </p>
      );
    }
    return this.props.children;
  }
}

export function Preview({ slug, analysis }: { slug: string; analysis: LessonAnalysis }) {
  const lab = useLab();
  const { lesson, code } = analysis;
  const config = useMemo(() => lessonLabConfig(slug, lesson), [slug, lesson]);
  // The lab follows the front matter's hosts and setup (while the pane shows the lesson's lab, or
  // an exercise of another lesson).
  useEffect(() => {
    const key = lab.config.labKey;
    const other = key.startsWith('studio:') || !key.includes(`:${previewSlug(slug)}:`);
    if (lesson && other && key !== config.labKey) lab.activate(config);
  }, [config, lab, lesson, slug]);
  const Content = useMemo(() => {
    if (!code) return null;
    try {
      return mdxComponentFromCode(code);
    } catch {
      return null;
    }
  }, [code]);
  useEffect(() => {
    performance.mark('docknet:preview-updated', { detail: { version: analysis.version } });
    const hook = window.__docknetStudio;
    if (hook) hook.previewAt = { version: analysis.version, at: performance.now(), editAt: analysis.editAt };
  }, [analysis.version, analysis.editAt]);

  return (
    <div className="studio-preview" data-preview-version={analysis.version}>
      <div className="studio-preview-article" aria-label="Preview of the lesson">
        {analysis.mdxError ? (
          <p role="status" className="studio-preview-stale">
            Line {analysis.mdxError.line}: {analysis.mdxError.message} (showing the last version that compiled)
          </p>
        ) : null}
        {lesson ? (
          <header className="mb-6">
            <h1 className="text-2xl font-bold text-white">{lesson.frontmatter.title}</h1>
            <p className="mt-2 text-slate-300">{lesson.frontmatter.summary}</p>
          </header>
        ) : null}
        <LessonExercisesProvider
          value={{ slug: previewSlug(slug), ...labWorldOf(config), exercises: lesson?.exercises.map((e) => e.exercise) ?? [], recordProgress: false }}
        >
          <div className="prose">
            <PreviewBoundary resetKey={String(analysis.version)}>{Content ? <Content components={mdxComponents} /> : null}</PreviewBoundary>
          </div>
        </LessonExercisesProvider>
      </div>
      <div className="studio-lab">
        <LabPane />
      </div>
    </div>
  );
}
