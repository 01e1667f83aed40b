'use client';

/**
 * The Prove panel: the proofs of `npm run content:check` (lib/exercises/prove.ts), run in the
 * browser on the lesson being edited, with each criterion's result and a jump to the line of
 * every problem. "Try as a learner" opens an exercise's fresh lab in the preview.
 */
import { useState } from 'react';
import { useLab } from '@/components/lab/LabProvider';
import { exerciseLabConfig } from '@/lib/lab/exercise-lab';
import { exerciseLabWorld, labWorldOf } from '@/lib/content/lab-world';
import type { LessonSource } from '@/lib/content/lesson-folder';
import { fieldName, formatProblem, type Problem } from '@/lib/content/problems';
import type { Proof } from '@/lib/exercises/prove';
import { forgetLab } from '@/lib/lab/saved-lab';
import { previewSlug } from './Preview';

type Jump = (file: string, line: number, column: number) => void;

interface ExerciseResult {
  running: boolean;
  proofs: Proof[];
  problems: Problem[];
}

/**
 * `lesson`: the last analysis (what the panel lists); `current()`: the lesson parsed from the text
 * as it is at the moment of the click, so a proof never runs on a stale version.
 */
export function ProvePanel({ slug, lesson, current, jump }: { slug: string; lesson: LessonSource | null; current: () => Promise<LessonSource | null>; jump: Jump }) {
  const lab = useLab();
  const [results, setResults] = useState<Record<string, ExerciseResult>>({});
  if (!lesson) return <p className="studio-empty">Fix the front matter first: the lesson does not parse.</p>;
  if (lesson.exercises.length === 0) return <p className="studio-empty">This lesson has no exercise yet (add one with “+ Exercise”).</p>;

  const prove = async (id: string) => {
    const fresh = (await current()) ?? lesson;
    const source = fresh.exercises.find((e) => e.exercise.id === id);
    if (!source) {
      setResults((r) => ({ ...r, [id]: { running: false, proofs: [], problems: [{ file: `content/${slug}/exercises/${id}.yaml`, line: 1, column: 1, message: 'the exercise does not parse: see Problems' }] } }));
      return;
    }
    setResults((r) => ({ ...r, [id]: { running: true, proofs: [], problems: [] } }));
    const { proveExercise } = await import('@/lib/exercises/prove');
    const proof = await proveExercise(source.exercise, exerciseLabWorld(fresh.frontmatter.lab, source.exercise), {
      onProof: (p) => setResults((r) => ({ ...r, [id]: { running: true, proofs: [...(r[id]?.proofs ?? []), p], problems: [] } })),
    });
    const problems = proof.problems.map((p) => ({ file: source.file, ...source.locate(p.field), field: fieldName(p.field), message: p.message }));
    setResults((r) => ({ ...r, [id]: { running: false, proofs: proof.proofs, problems } }));
  };

  const tryAsLearner = (id: string) => {
    const exercise = lesson.exercises.find((e) => e.exercise.id === id)?.exercise;
    if (!exercise) return;
    const context = { slug: previewSlug(slug), ...labWorldOf(lesson.frontmatter.lab), exercises: lesson.exercises.map((e) => e.exercise) };
    const config = exerciseLabConfig(context, exercise);
    forgetLab(config.labKey);
    if (lab.config.labKey === config.labKey) void lab.reset();
    else lab.activate(config);
    document.querySelector(`.studio-preview [data-exercise="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'start' });
  };

  return (
    <div className="studio-prove">
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn btn-primary" onClick={() => void Promise.all(lesson.exercises.map((e) => prove(e.exercise.id)))}>
          Prove all
        </button>
      </div>
      {lesson.exercises.map(({ exercise, file }) => {
        const result = results[exercise.id];
        const verdict = !result ? null : result.running ? 'running' : result.problems.length === 0 ? 'holds' : 'fails';
        return (
          <section key={exercise.id} className="studio-proof" data-prove-exercise={exercise.id} data-verdict={verdict ?? 'none'} aria-label={`Proofs of ${exercise.id}`}>
            <header className="flex flex-wrap items-center gap-2">
              <h3 className="font-semibold text-slate-100">{exercise.id}</h3>
              <span className="text-slate-400">{exercise.title}</span>
              <span className="ml-auto flex gap-2">
                <button type="button" className="btn btn-quiet" onClick={() => void prove(exercise.id)} disabled={result?.running}>
                  {result?.running ? 'Proving…' : 'Prove'}
                </button>
                <button type="button" className="btn btn-quiet" onClick={() => tryAsLearner(exercise.id)}>
                  Try as a learner
                </button>
              </span>
            </header>
            {verdict === 'holds' ? <p className="text-emerald-300">✓ Every proof holds: content:check accepts this exercise.</p> : null}
            {result?.problems.length ? (
              <ul className="studio-problem-list">
                {result.problems.map((p, i) => (
                  <li key={i}>
                    <button type="button" className="studio-jump" onClick={() => jump(p.file, p.line, p.column)} title={formatProblem(p)}>
                      {file.split('/').pop()}:{p.line}
                    </button>{' '}
                    {p.field ? <code>{p.field}</code> : null} {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
            <ol className="studio-proof-list">
              {result?.proofs.map((proof) => (
                <li key={`${proof.kind}-${proof.index}`} data-proof-ok={proof.ok ? 'true' : 'false'}>
                  <details>
                    <summary>
                      <span aria-hidden="true" className={proof.ok ? 'text-emerald-300' : 'text-rose-300'}>
                        {proof.ok ? '✓' : '✗'}
                      </span>{' '}
                      {proof.label}
                    </summary>
                    <ul className="studio-criteria">
                      {proof.criteria.map((c) => (
                        <li key={c.id}>
                          <span className={c.pass ? 'text-emerald-300' : 'text-rose-300'}>{c.pass ? 'pass' : 'fail'}</span> <code>{c.id}</code> {c.label}
                          {c.pass ? null : <span className="block text-slate-400">{c.message}</span>}
                        </li>
                      ))}
                    </ul>
                    {proof.failedSteps.length ? (
                      <p className="text-amber-200">
                        Commands that failed: {proof.failedSteps.map((s) => `${s.command} (exit ${s.exitCode})`).join('; ')}
                      </p>
                    ) : null}
                  </details>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
