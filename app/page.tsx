import Link from 'next/link';
import { CourseProgress } from '@/components/course/CourseProgress';
import { ExerciseCount, LessonStatusBadge } from '@/components/course/LessonStatusBadge';
import { ProgressTransfer } from '@/components/course/ProgressTransfer';
import { SiteFooter } from '@/components/site/SiteFooter';
import { HostChips } from '@/components/course/HostChips';
import { courseGroups } from '@/lib/content/course-groups';
import { driverLabel } from '@/lib/content/drivers';
import { getAllLessons } from '@/lib/content/lessons';

const FEATURES = [
  {
    title: 'A real terminal',
    text: 'Type docker, ip, brctl, iptables, ping and curl on simulated Linux hosts. Outputs match Docker 28.',
  },
  {
    title: 'See the network',
    text: 'A live diagram of bridges, veth pairs, containers and published ports redraws as you run commands.',
  },
  {
    title: 'Nothing to install',
    text: 'Everything runs in this tab, offline. Your labs and progress are saved in your browser.',
  },
];

export default async function CoursePage() {
  const lessons = (await getAllLessons()).map((lesson) => lesson.meta);
  const totalMinutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
  const groups = courseGroups(lessons);
  return (
    <>
      <main id="main" className="mx-auto max-w-5xl px-4 pb-16 pt-12 sm:px-6 sm:pt-16">
        <section aria-labelledby="course-title">
          <p className="text-sm font-semibold uppercase tracking-wider text-sky-300">Hands-on course</p>
          <h1 id="course-title" className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-white sm:text-5xl">
            Learn Docker networking by doing it
          </h1>
          <p className="mt-5 max-w-2xl text-lg leading-relaxed text-slate-300">
            Each lesson comes with a live terminal on a simulated Docker host. Run the commands, break things, and watch
            the network you build appear as a picture. Docker networking is Linux networking: you will see the
            namespaces, veth pairs, bridges and iptables rules underneath.
          </p>
          <CourseProgress lessons={lessons.map(({ slug, title }) => ({ slug, title }))} />
        </section>

        <section aria-labelledby="lessons-heading" className="mt-14">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="lessons-heading" className="text-xl font-semibold text-white">
              Lessons
            </h2>
            <p className="text-sm text-slate-400">
              {lessons.length} lessons · about {Math.round(totalMinutes / 5) * 5} minutes
            </p>
          </div>
          {lessons.length === 0 ? (
            <p className="mt-6 text-slate-400">No lessons yet. Add MDX files to content/.</p>
          ) : (
            <div className="mt-5 grid gap-8" data-testid="lesson-list">
              {groups.map((group) => (
                <section key={group.id} aria-labelledby={`group-${group.id}`} data-group={group.id}>
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                    <h3 id={`group-${group.id}`} className="text-sm font-semibold uppercase tracking-wider text-sky-300">
                      {group.title}
                    </h3>
                    <p className="text-xs text-slate-400">{group.blurb}</p>
                  </div>
                  <ol className="mt-3 grid gap-3" start={group.lessons[0]?.number}>
                    {group.lessons.map(({ lesson, number }) => (
                      <li key={lesson.slug} data-lesson={lesson.slug}>
                        <Link
                          href={`/lessons/${lesson.slug}/`}
                          className="group flex gap-4 rounded-xl border border-slate-800 bg-slate-900/50 p-4 transition-colors hover:border-sky-700 hover:bg-slate-900 sm:p-5"
                        >
                          <span
                            aria-hidden="true"
                            className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-slate-800 font-mono text-sm font-semibold text-sky-200 group-hover:bg-sky-950"
                          >
                            {number}
                          </span>
                          <span className="min-w-0 flex-1">
                            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                              <span className="text-base font-semibold text-white group-hover:text-sky-200">
                                <span className="sr-only">Lesson {number}: </span>
                                {lesson.title}
                              </span>
                              <LessonStatusBadge slug={lesson.slug} />
                            </span>
                            <span className="mt-1 block text-sm leading-relaxed text-slate-300">{lesson.summary}</span>
                            <span className="mt-3 flex flex-wrap items-center gap-2">
                              <span className="pill">{lesson.minutes} min</span>
                              <span className="pill pill-driver">
                                <span className="sr-only">Driver: </span>
                                {driverLabel(lesson.driver)}
                              </span>
                              <HostChips hosts={lesson.lab.hosts} />
                              <ExerciseCount slug={lesson.slug} ids={lesson.exercises.map((e) => e.id)} />
                            </span>
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ol>
                </section>
              ))}
            </div>
          )}
        </section>

        <ProgressTransfer course={lessons.map((lesson) => ({ slug: lesson.slug, exercises: lesson.exercises.map((e) => e.id) }))} />

        <section aria-labelledby="how-heading" className="mt-14">
          <h2 id="how-heading" className="sr-only">
            How Docknet works
          </h2>
          <ul className="grid gap-3 sm:grid-cols-3">
            {FEATURES.map((feature) => (
              <li key={feature.title} className="rounded-xl border border-slate-800 p-4">
                <p className="font-semibold text-white">{feature.title}</p>
                <p className="mt-1 text-sm leading-relaxed text-slate-400">{feature.text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <SiteFooter />
    </>
  );
}
