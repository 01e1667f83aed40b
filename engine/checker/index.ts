import type { CommandFailure } from '../api';
import { flushFirewalls } from '../docker/daemon/firewall';
import { syncDataPlane } from '../docker/swarm/dataplane';
import { canonicalShapes } from '../kernel/netns';
import type { DockerWorld } from '../docker/world';
import { checkWorld } from './check';
import { goalSchema, type CheckReport, type GoalInput } from './goal';
import type { TerminalState } from './terminals';

export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; error: string };
export type { TerminalState } from './terminals';

/** What the lab knows beyond its world: its terminals, and the last command that failed. */
export interface GradeContext {
  terminals?: readonly TerminalState[];
  failedCommand?: CommandFailure | null;
}

/**
 * Grades a world against a goal. The checker works on a deep copy, so probes (which send
 * packets, append nginx log lines, turn DNS round robin) never change the learner's lab.
 */
export function gradeWorld(world: DockerWorld, goal: GoalInput, context: GradeContext = {}): CheckOutcome {
  const parsed = goalSchema.safeParse(goal);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'goal'}: ${i.message}`).join('; ') };
  }
  // The swarm's data plane and the rules catch up first, as they do before any packet moves in the
  // lab (the copy has no such hook): a service created with -d is graded with its mesh programmed.
  syncDataPlane(world);
  flushFirewalls(world);
  const copy = JSON.parse(JSON.stringify(world)) as DockerWorld;
  canonicalShapes(copy);
  const report = checkWorld(copy, parsed.data, context.terminals ?? []);
  // A failed command leads the report only when there is something to explain.
  if (!report.pass && context.failedCommand) report.failedCommand = { ...context.failedCommand };
  return { ok: true, report };
}
