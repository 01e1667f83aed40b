/**
 * Proving an exercise: the checks `npm run content:check` runs and the studio's Prove panel shows,
 * from this one module. Each proof starts a fresh lab with the exercise's setup and then:
 *
 * - untouched: the goal must FAIL (an exercise that passes untouched is a bug);
 * - solution: the goal must PASS;
 * - each alternative: the goal must PASS;
 * - each near miss: the goal must FAIL, on every criterion it names in `fails`.
 *
 * Client-safe (engine API only). Problems name a field path of the exercise file, which callers
 * turn into a line (lesson-folder.ts `locate`).
 */
import type { CriterionResult } from '../../engine/index';
import type { Exercise } from '../content/exercise-schema';
import type { LabWorld } from '../content/lab-world';
import type { FieldPath } from '../content/problems';
import { grade, openExerciseLab, replay, type ReplayStep } from './run-exercise';

export interface ProofProblem {
  field: FieldPath;
  message: string;
}

export interface Proof {
  kind: 'untouched' | 'solution' | 'alternative' | 'nearMiss';
  /** Index among alternatives / near misses. */
  index: number;
  /** "Solution", "Near miss 2: c3 gets the next free address …" */
  label: string;
  expect: 'pass' | 'fail';
  /** The grade after setup + this proof's commands. */
  criteria: CriterionResult[];
  /** Commands of this proof that exited non-zero (a hint when a proof goes wrong). */
  failedSteps: ReplayStep[];
  /** Empty when the proof holds. */
  problems: ProofProblem[];
  ok: boolean;
}

export interface ExerciseProof {
  ok: boolean;
  proofs: Proof[];
  /** Problems of the setup itself (a setup command that fails) and of every proof. */
  problems: ProofProblem[];
}

const lastLine = (output: string) => output.trim().split('\n').pop() ?? '';
const failing = (criteria: readonly CriterionResult[]) => criteria.filter((c) => !c.pass);
const describe = (criteria: readonly CriterionResult[]) => failing(criteria).map((c) => `${c.id} (${c.message})`).join('; ');

export interface ProveOptions {
  /** Called as each proof finishes (the studio shows results as they come). */
  onProof?: (proof: Proof) => void;
  seed?: number;
}

/** Runs every proof of one exercise. `lab`: the exercise's lab (lab-world.ts exerciseLabWorld). */
export async function proveExercise(exercise: Exercise, lab: LabWorld, options: ProveOptions = {}): Promise<ExerciseProof> {
  const problems: ProofProblem[] = [];
  const proofs: Proof[] = [];
  let setupChecked = false;

  const attempt = async (commands: readonly string[]) => {
    const x = openExerciseLab(lab, { seed: options.seed });
    const setupSteps = await replay(x, exercise.setup);
    if (!setupChecked) {
      setupChecked = true;
      const bad = setupSteps.findIndex((s) => s.exitCode !== 0);
      const step = setupSteps[bad];
      if (step) problems.push({ field: ['setup', bad], message: `\`${step.command}\` exits ${step.exitCode}: ${lastLine(step.output)}` });
    }
    const steps = await replay(x, commands);
    return { report: grade(x, exercise.goal), failedSteps: steps.filter((s) => s.exitCode !== 0) };
  };

  const record = (proof: Omit<Proof, 'ok'>) => {
    const done: Proof = { ...proof, ok: proof.problems.length === 0 };
    proofs.push(done);
    problems.push(...done.problems);
    options.onProof?.(done);
  };

  {
    const { report, failedSteps } = await attempt([]);
    record({
      kind: 'untouched',
      index: 0,
      label: 'Untouched lab (setup only) fails',
      expect: 'fail',
      criteria: report.criteria,
      failedSteps,
      problems: report.pass ? [{ field: ['goal'], message: 'the goal already passes right after setup (the exercise would be solved untouched)' }] : [],
    });
  }
  {
    const { report, failedSteps } = await attempt(exercise.solution);
    const found: ProofProblem[] = [];
    if (!report.pass) {
      found.push({ field: ['solution'], message: `the goal fails after the solution: ${describe(report.criteria)}` });
      const step = failedSteps[0];
      if (step) {
        const at = exercise.solution.indexOf(step.command);
        found.push({ field: at >= 0 ? ['solution', at] : ['solution'], message: `\`${step.command}\` exits ${step.exitCode}: ${lastLine(step.output)}` });
      }
    }
    record({ kind: 'solution', index: 0, label: 'Solution passes', expect: 'pass', criteria: report.criteria, failedSteps, problems: found });
  }
  for (const [i, alt] of exercise.alternatives.entries()) {
    const { report, failedSteps } = await attempt(alt.commands);
    record({
      kind: 'alternative',
      index: i,
      label: `Alternative ${i + 1} passes: ${alt.why}`,
      expect: 'pass',
      criteria: report.criteria,
      failedSteps,
      problems: report.pass ? [] : [{ field: ['alternatives', i], message: `should pass (${alt.why}) but fails: ${describe(report.criteria)}` }],
    });
  }
  for (const [i, miss] of exercise.nearMisses.entries()) {
    const { report, failedSteps } = await attempt(miss.commands);
    const found: ProofProblem[] = [];
    const failingIds = new Set(failing(report.criteria).map((c) => c.id));
    if (report.pass) found.push({ field: ['nearMisses', i], message: `should fail (${miss.why}) but the goal passes` });
    miss.fails.forEach((id, k) => {
      if (!report.criteria.some((c) => c.id === id)) {
        found.push({ field: ['nearMisses', i, 'fails', k], message: `no criterion "${id}" in this goal (ids: ${report.criteria.map((c) => c.id).join(', ')})` });
      } else if (!failingIds.has(id)) {
        found.push({ field: ['nearMisses', i, 'fails', k], message: `"${id}" passes, expected it to fail (${miss.why})` });
      }
    });
    record({ kind: 'nearMiss', index: i, label: `Near miss ${i + 1} fails: ${miss.why}`, expect: 'fail', criteria: report.criteria, failedSteps, problems: found });
  }
  return { ok: problems.length === 0, proofs, problems };
}
