import { flushFirewalls } from '../docker/daemon/firewall';
import type { DockerWorld } from '../docker/world';
import { checkWorld } from './check';
import { goalSchema, type CheckReport, type GoalInput } from './goal';

export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; error: string };

/**
 * Grades a world against a goal. The checker works on a deep copy, so probes (which send
 * packets, append nginx log lines, turn DNS round robin) never change the learner's lab.
 */
export function gradeWorld(world: DockerWorld, goal: GoalInput): CheckOutcome {
  const parsed = goalSchema.safeParse(goal);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'goal'}: ${i.message}`).join('; ') };
  }
  flushFirewalls(world);
  const copy = JSON.parse(JSON.stringify(world)) as DockerWorld;
  return { ok: true, report: checkWorld(copy, parsed.data) };
}
