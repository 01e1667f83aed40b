import type { Lab } from '../api';
import { flushFirewalls } from '../docker/daemon/firewall';
import { LabImpl } from '../lab/lab';
import type { DockerWorld as WorldState } from '../docker/world';
import { checkWorld } from './check';
import { goalSchema, type CheckReport, type GoalInput } from './goal';

export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; error: string };

/**
 * Grades a lab against a goal. The checker works on a deep copy of the lab's world, so probes
 * (which send packets, append nginx log lines, turn DNS round robin) never change the learner's lab.
 */
export function checkGoal(lab: Lab, goal: GoalInput): CheckOutcome {
  const parsed = goalSchema.safeParse(goal);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'goal'}: ${i.message}`).join('; ') };
  }
  if (!(lab instanceof LabImpl)) return { ok: false, error: 'this lab was not created by createLab' };
  flushFirewalls(lab.world);
  const copy = JSON.parse(JSON.stringify(lab.world)) as WorldState;
  return { ok: true, report: checkWorld(copy, parsed.data) };
}
