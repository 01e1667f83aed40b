import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LabProvider } from '@/components/lab/LabProvider';
import { CompleteToggle } from '@/components/lesson/CompleteToggle';
import { LessonPager } from '@/components/lesson/LessonPager';
import { LessonWorkspace } from '@/components/lesson/LessonWorkspace';
import { SectionTracker } from '@/components/lesson/SectionTracker';
import { VisitTracker } from '@/components/lesson/VisitTracker';
import { lessonComponents, lessonHeadings } from '@/components/lesson/lesson-components';
import { LessonExercisesProvider } from '@/components/mdx/Exercise';
import { exerciseLabConfig } from '@/lib/lab/exercise-lab';
import { HostChips } from '@/components/course/HostChips';
import { driverLabel } from '@/lib/content/drivers';
import { labWorldOf } from '@/lib/content/lab-world';
import { getAllLessons, getLesson } from '@/lib/content/lessons';
import { mdxComponentFromCode } from '@/lib/content/mdx-runtime';

// Every lesson is compiled at build time; there is no server to render an unknown slug later.
export const dynamicParams = false;

type Params = { params: Promise<{ slug: string }> };

export async function generateStaticParams(): Promise<{ slug: string }[]> {
  return (await getAllLessons()).map((lesson) => ({ slug: lesson.meta.slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = await getLesson((await params).slug);
  if (!lesson) return {};
  return { title: lesson.meta.title, description: lesson.meta.summary };
}

export default async function LessonPage({ params }: Params) {
  const { slug } = await params;
  const lesson = await getLesson(slug);
  if (!lesson) notFound();
  const all = await getAllLessons();
  const index = all.findIndex((l) => l.meta.slug === slug);
  const previous = all[index - 1]?.meta ?? null;
  const next = all[index + 1]?.meta ?? null;
  const { meta } = lesson;
  const Content = mdxComponentFromCode(lesson.code);
  const components = lessonComponents(meta.lab, meta.exercises);
  const headings = lessonHeadings(Content as never, components);
  const lab = labWorldOf(meta.lab);
  const exercises = { slug: meta.slug, ...lab, exercises: meta.exercises };

  return (
    <LabProvider
      config={{
        labKey: `lesson:${meta.slug}`,
        ...lab,
        setup: meta.lab.setup,
        welcome: `Simulated Linux with Docker 28 on ${meta.lab.hosts.join(', ')}. Type a command, or press Run in the lesson.`,
      }}
      alternatives={meta.exercises.map((exercise) => exerciseLabConfig(exercises, exercise))}
    >
      <VisitTracker slug={meta.slug} />
      <SectionTracker slug={meta.slug} />
      <LessonWorkspace>
        <main id="main" className="lesson-article" tabIndex={-1}>
          <article aria-labelledby="lesson-title">
            <header className="mb-8">
              <nav aria-label="Breadcrumb" className="text-sm text-slate-400">
                <Link href="/" className="hover:text-white">
                  Course
                </Link>
                <span aria-hidden="true"> / </span>
                <span>
                  Lesson {index + 1} of {all.length}
                </span>
              </nav>
              <h1 id="lesson-title" className="mt-3 text-3xl font-bold tracking-tight text-white sm:text-4xl">
                {meta.title}
              </h1>
              <p className="mt-3 text-lg leading-relaxed text-slate-300">{meta.summary}</p>
              <p className="mt-4 flex flex-wrap gap-2">
                <span className="pill">{meta.minutes} min</span>
                <span className="pill pill-driver">
                  <span className="sr-only">Driver: </span>
                  {driverLabel(meta.driver)}
                </span>
                <HostChips hosts={meta.lab.hosts} />
                {meta.exercises.length > 0 ? (
                  <span className="pill">
                    {meta.exercises.length} {meta.exercises.length === 1 ? 'exercise' : 'exercises'}
                  </span>
                ) : null}
              </p>
              {headings.length > 1 ? (
                <nav aria-label="On this page" className="lesson-toc" data-testid="lesson-toc">
                  <details open>
                    <summary>On this page</summary>
                    <ol>
                      {headings.map((heading) => (
                        <li key={heading.id}>
                          <a href={`#${heading.id}`}>{heading.text}</a>
                        </li>
                      ))}
                    </ol>
                  </details>
                </nav>
              ) : null}
            </header>
            <LessonExercisesProvider value={exercises}>
              <div className="prose">
                <Content components={components} />
              </div>
            </LessonExercisesProvider>
            <footer className="mt-12 border-t border-slate-800 pt-8">
              <div className="flex flex-wrap items-center justify-between gap-3">
                <p className="text-sm text-slate-400">Done with this lesson?</p>
                <CompleteToggle slug={meta.slug} />
              </div>
              <LessonPager
                previous={previous ? { slug: previous.slug, title: previous.title } : null}
                next={next ? { slug: next.slug, title: next.title } : null}
              />
            </footer>
          </article>
        </main>
      </LessonWorkspace>
    </LabProvider>
  );
}
