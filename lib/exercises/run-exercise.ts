/**
 * Starting an exercise's lab and replaying commands on it, the same way in the browser, in
 * `npm run lab -- --exercise`, and in `npm run content:check`. Client-safe: engine API only.
 */
import { checkGoal, createLab, type CheckReport, type GoalInput, type Lab, type Session } from '../../engine/index';
import { parseSetupLines } from '../content/lab-setup';
import { labOptionsOf, type LabWorld } from '../content/lab-world';

export interface ExerciseLab {
  lab: Lab;
  hosts: string[];
  /** One session per host, opened on demand. */
  session(host: string): Session;
}

/** A lab built from `def` (hosts, or the lesson's world). A bad world throws, naming the field. */
export function openExerciseLab(def: LabWorld, options: { seed?: number; pacing?: 'instant' | 'realtime' } = {}): ExerciseLab {
  const lab = createLab({ ...labOptionsOf(def), seed: options.seed ?? 1, pacing: options.pacing ?? 'instant' });
  const hosts = [...lab.hosts];
  const sessions = new Map<string, Session>();
  return {
    lab,
    hosts,
    session(host: string): Session {
      let s = sessions.get(host);
      if (!s) {
        s = lab.openSession(host);
        sessions.set(host, s);
      }
      return s;
    },
  };
}

export interface ReplayStep {
  host: string;
  command: string;
  exitCode: number;
  output: string;
}

/** Runs lines ("cmd", or "host2$ cmd") in order; a question (docker network prune) is answered "y". */
export async function replay(x: ExerciseLab, lines: readonly string[], onStep?: (s: ReplayStep) => void): Promise<ReplayStep[]> {
  const steps: ReplayStep[] = [];
  for (const { host, command } of parseSetupLines(lines, x.hosts)) {
    const r = await x.session(host).run(command, { readLine: async () => 'y' });
    const step = { host, command, exitCode: r.exitCode, output: r.output };
    steps.push(step);
    onStep?.(step);
  }
  return steps;
}

export function grade(x: ExerciseLab, goal: GoalInput): CheckReport {
  const r = checkGoal(x.lab, goal);
  if (!r.ok) throw new Error(`invalid goal: ${r.error}`);
  return r.report;
}
