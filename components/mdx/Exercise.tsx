'use client';

/**
 * `<Exercise id="…">` in a lesson: the task (the element's children), a lab of its own (the
 * exercise's setup), a Check button that grades the lab with the engine's checker, hints revealed
 * one at a time, and the solution on request. The exercise data comes from the lesson's
 * frontmatter through LessonExercisesProvider.
 */
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CheckReport, GoalInput } from '@/engine';
import { useOptionalLab } from '@/components/lab/LabProvider';
import { useProgress } from '@/components/course/useProgress';
import type { Exercise as ExerciseData } from '@/lib/content/exercise-schema';
import { exercisePassedAt, lessonProgress, markExercisePassed, readProgress, setCompleted } from '@/lib/lab/progress';
import { labStorageKey } from '@/lib/lab/saved-lab';
import { readStorage } from '@/lib/lab/storage';
import { ExerciseScope } from './exercise-scope';
import { exerciseLabConfig } from '@/lib/lab/exercise-lab';
import type { LabWorld } from '@/lib/content/lab-world';
import { RunButton } from './RunBlock';
import { hostRuns } from '@/lib/content/lab-setup';
import { failedCommandPlace, reportView } from '@/lib/exercises/report-groups';
import { ProbeExplain } from './ProbeExplain';

interface LessonExercises extends LabWorld {
  slug: string;
  exercises: ExerciseData[];
  /** false in the studio's preview: an author's checks are not a learner's progress. */
  recordProgress?: boolean;
}

const ExercisesContext = createContext<LessonExercises | null>(null);

export function LessonExercisesProvider({ value, children }: { value: LessonExercises; children: ReactNode }) {
  return <ExercisesContext.Provider value={value}>{children}</ExercisesContext.Provider>;
}

type CheckState = { kind: 'idle' } | { kind: 'checking' } | { kind: 'done'; report: CheckReport } | { kind: 'error'; message: string };

export function Exercise({ id, children }: { id: string; children?: ReactNode }) {
  const lesson = useContext(ExercisesContext);
  const lab = useOptionalLab();
  const progress = useProgress();
  const [check, setCheck] = useState<CheckState>({ kind: 'idle' });
  const [hintsShown, setHintsShown] = useState(0);
  // A revealed hint takes keyboard focus, so focus is not lost when the last hint's button goes away.
  const newestHintRef = useRef<HTMLLIElement>(null);
  const focusNewestHint = useRef(false);
  useEffect(() => {
    if (focusNewestHint.current) {
      newestHintRef.current?.focus();
      focusNewestHint.current = false;
    }
  }, [hintsShown]);
  const titleId = useId();
  const exercise = lesson?.exercises.find((e) => e.id === id);
  // Start and Check replace each other: keep keyboard focus on whichever is now shown.
  const actionRef = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);
  const active = lesson && exercise ? lab?.config.labKey === exerciseLabConfig(lesson, exercise).labKey : false;
  const ready = lab?.status.kind === 'ready';
  useEffect(() => {
    const button = actionRef.current;
    if (moveFocus.current && button && !button.disabled) {
      button.focus();
      moveFocus.current = false;
    }
  }, [active, ready]);
  const sectionRef = useRef<HTMLElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const labKey = lesson && exercise ? exerciseLabConfig(lesson, exercise).labKey : null;
  // A lab saved for this exercise: "Continue exercise" rather than "Start".
  const [hasSaved, setHasSaved] = useState(false);
  useEffect(() => {
    if (labKey) setHasSaved(readStorage(labStorageKey(labKey)) !== null);
  }, [labKey, active]);
  // The exercise the learner is reading: typing in the lesson lab meanwhile offers to switch.
  const setExerciseInView = lab?.setExerciseInView;
  useEffect(() => {
    const section = sectionRef.current;
    if (!section || !lesson || !exercise || !setExerciseInView) return;
    const config = exerciseLabConfig(lesson, exercise);
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry) setExerciseInView(config, entry.isIntersecting);
      },
      { threshold: 0.25 },
    );
    observer.observe(section);
    return () => {
      observer.disconnect();
      setExerciseInView(config, false);
    };
  }, [lesson, exercise, setExerciseInView]);
  // Check results are never left under the lab sheet (phones) or below the fold.
  useEffect(() => {
    if (check.kind !== 'done' && check.kind !== 'error') return;
    window.dispatchEvent(new Event('docknet:reveal-article'));
    const frame = window.requestAnimationFrame(() => {
      const result = resultRef.current;
      const sheet = document.querySelector('.lab-pane');
      if (!result) return;
      // On narrow screens the lab is a sheet over the bottom of the page: keep the result above it.
      const sheetTop = sheet && getComputedStyle(sheet).position === 'fixed' ? sheet.getBoundingClientRect().top : window.innerHeight;
      const box = result.getBoundingClientRect();
      const header = 64;
      if (box.bottom > sheetTop - 8 || box.top < header) {
        const delta = box.top < header || box.height > sheetTop - header ? box.top - header - 8 : box.bottom - (sheetTop - 8);
        const scroller = result.closest('.lesson-panel');
        if (scroller && scroller.scrollHeight > scroller.clientHeight && getComputedStyle(scroller).overflowY !== 'visible') scroller.scrollBy({ top: delta });
        else window.scrollBy({ top: delta });
      }
    });
    return () => window.cancelAnimationFrame(frame);
  }, [check]);

  if (!lesson || !exercise) {
    return (
      <div role="note" className="callout callout-warning">
        <p className="m-0">This lesson refers to an exercise &ldquo;{id}&rdquo; that its frontmatter does not define.</p>
      </div>
    );
  }

  const config = exerciseLabConfig(lesson, exercise);
  const passed = progress !== null && exercisePassedAt(progress, lesson.slug, exercise.id) !== undefined;

  const runCheck = async () => {
    if (!lab?.lab) return;
    setCheck({ kind: 'checking' });
    const { checkGoal } = await import('@/engine');
    const outcome = checkGoal(lab.lab, exercise.goal);
    if (!outcome.ok) {
      setCheck({ kind: 'error', message: outcome.error });
      return;
    }
    setCheck({ kind: 'done', report: outcome.report });
    // The studio's preview (recordProgress false) never counts as a learner's progress.
    if (outcome.report.pass && lesson.recordProgress !== false) {
      markExercisePassed(lesson.slug, exercise.id);
      // A lesson is complete when all its exercises pass.
      const now = readProgress();
      const passedAll = lesson.exercises.every((e) => exercisePassedAt(now, lesson.slug, e.id) !== undefined);
      if (passedAll && lessonProgress(now, lesson.slug)?.completedAt == null) setCompleted(lesson.slug, true);
    }
  };

  return (
    <ExerciseScope.Provider value={config}>
    <section ref={sectionRef} className="exercise" aria-labelledby={titleId} data-exercise={exercise.id} data-active={active ? 'true' : 'false'}>
      <header className="exercise-header">
        <p className="exercise-kicker">Exercise</p>
        <h3 id={titleId} className="exercise-title">
          {exercise.title}
        </h3>
        {passed ? (
          <span className="pill badge-completed">
            <span aria-hidden="true">✓</span> Passed
          </span>
        ) : null}
      </header>
      <div className="exercise-body">{children}</div>

      <div className="exercise-actions">
        {active ? (
          <>
            <button
              ref={actionRef}
              type="button"
              className="btn btn-primary"
              onClick={() => void runCheck()}
              disabled={check.kind === 'checking' || lab?.status.kind !== 'ready'}
            >
              {check.kind === 'checking' ? 'Checking…' : 'Check'}
            </button>
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                moveFocus.current = true;
                lab?.activateDefault();
              }}
            >
              Back to the lesson&rsquo;s lab
            </button>
          </>
        ) : (
          <button
            ref={actionRef}
            type="button"
            className="btn btn-primary"
            disabled={!lab}
            onClick={() => {
              setCheck({ kind: 'idle' });
              moveFocus.current = true;
              lab?.activate(config);
            }}
          >
            {hasSaved ? 'Continue exercise' : 'Start this exercise'}
          </button>
        )}
        <span className="text-xs text-slate-400">
          {active
            ? 'The lab pane now holds this exercise’s lab; Run buttons here and Check act on it.'
            : hasSaved
              ? 'Its lab is kept as you left it.'
            : exercise.setup.length > 0
              ? `Opens its own lab, set up with ${exercise.setup.length} command${exercise.setup.length === 1 ? '' : 's'}.`
              : 'Opens its own, empty lab.'}
        </span>
      </div>

      <div aria-live="polite" ref={resultRef} className="exercise-result-slot">
        {check.kind === 'done' ? <CheckResults report={check.report} firstHost={(exercise.hosts ?? lesson.hosts)[0] ?? 'host1'} goal={exercise.goal} /> : null}
        {check.kind === 'error' ? (
          <p className="mt-3 text-sm text-amber-200">The check could not run: {check.message}</p>
        ) : null}
      </div>

      <div className="exercise-help">
        {hintsShown > 0 ? (
          <ol className="exercise-hints">
            {exercise.hints.slice(0, hintsShown).map((hint, index) => (
              <li key={index} ref={index === hintsShown - 1 ? newestHintRef : undefined} tabIndex={index === hintsShown - 1 ? -1 : undefined}>
                <HintText text={hint} />
              </li>
            ))}
          </ol>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          {hintsShown < exercise.hints.length ? (
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                focusNewestHint.current = true;
                setHintsShown((n) => n + 1);
              }}
            >
              {hintsShown === 0 ? 'Show a hint' : 'Another hint'} ({hintsShown + 1} of {exercise.hints.length})
            </button>
          ) : null}
        </div>
        <details className="exercise-solution">
          <summary>Show a solution</summary>
          <SolutionRuns exercise={exercise} hosts={config.hosts} />
        </details>
      </div>
    </section>
    </ExerciseScope.Provider>
  );
}

/**
 * The solution as one Run block per run of lines on one host: "host2$ cmd" lines are shown without
 * their prefix, labelled with their host, and typed into host2's tab of the exercise's lab.
 */
function SolutionRuns({ exercise, hosts }: { exercise: ExerciseData; hosts: readonly string[] }) {
  const runs = hostRuns(exercise.solution, hosts);
  const labelled = hosts.length > 1;
  return (
    <>
      {runs.map((run, index) => (
        <div key={index} className="run-block" data-solution-run={index} data-run-host={run.host}>
          <div className="run-block-bar">
            <span className="text-xs font-medium tracking-wide text-slate-400">
              <span className="uppercase">{index === 0 ? 'Solution' : 'Then'}</span>
              {labelled ? (
                <span className="run-place" data-testid="run-place">
                  {' '}
                  · on {run.host}
                </span>
              ) : null}
            </span>
            <RunButton
              lines={run.commands}
              host={run.host}
              stepId={runs.length === 1 ? `exercise-${exercise.id}-solution` : `exercise-${exercise.id}-solution-${index}`}
            />
          </div>
          <pre className="exercise-solution-code">
            <code>{run.commands.join('\n')}</code>
          </pre>
        </div>
      ))}
    </>
  );
}

function CheckResults({ report, firstHost, goal }: { report: CheckReport; firstHost: string; goal: GoalInput }) {
  const view = reportView(report);
  const failed = view.failedCommand;
  return (
    <div className={`exercise-result ${report.pass ? 'is-pass' : 'is-fail'}`} data-testid="exercise-result">
      {failed ? (
        // The cause comes first: a command that failed usually explains the checks below it.
        <p className="exercise-cause" data-testid="failed-command">
          <code>{failed.command}</code> failed{failedCommandPlace(failed, firstHost)}: {failed.error}
          <span className="block text-xs text-rose-200/80">Your last command that failed. The checks below may follow from it.</span>
        </p>
      ) : null}
      <p className="font-semibold">
        {report.pass
          ? '✓ All checks pass. Well done!'
          : `${view.failingCount} of ${report.criteria.length} checks ${view.failingCount === 1 ? 'does' : 'do'} not pass yet.`}
      </p>
      <ul className="mt-2 space-y-1.5">
        {/* What still fails goes first, each cause with the checks that fail because of it folded under it. */}
        {view.failing.map(({ cause, follows }) => (
          <li key={cause.id} data-criterion={cause.id}>
            <div className="flex gap-2">
              <CriterionLine criterion={cause} />
            </div>
            <ProbeExplain criterion={cause} goal={goal} />
            {follows.length > 0 ? (
              <details className="exercise-follows" data-testid="follows">
                <summary>
                  {follows.length} more {follows.length === 1 ? 'check fails' : 'checks fail'} because of this
                </summary>
                <ul className="space-y-1.5">
                  {follows.map((c) => (
                    <li key={c.id} data-criterion={c.id} data-depends-on={cause.id}>
                      <div className="flex gap-2">
                        <CriterionLine criterion={c} />
                      </div>
                      <ProbeExplain criterion={c} goal={goal} />
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
        {view.passing.map((criterion) => (
          // Each line is a row with room at its end for actions on a failed check (an "Explain").
          <li key={criterion.id} className="flex gap-2" data-criterion={criterion.id}>
            <CriterionLine criterion={criterion} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function CriterionLine({ criterion }: { criterion: CheckReport['criteria'][number] }) {
  return (
    <>
      <span aria-hidden="true" className={criterion.pass ? 'text-emerald-300' : 'text-rose-300'}>
        {criterion.pass ? '✓' : '✗'}
      </span>
      <span>
        <span className="sr-only">{criterion.pass ? 'Passes: ' : 'Does not pass: '}</span>
        {criterion.label}
        {criterion.pass ? null : <span className="block text-slate-300">{criterion.message}</span>}
      </span>
    </>
  );
}

/** Hints are plain text with `code` spans (they live in YAML, not MDX). */
function HintText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={index}>{part.slice(1, -1)}</code> : part,
      )}
    </>
  );
}
