/**
 * A check report as a learner reads it: the command that failed first, then each failing check
 * that is a cause, with the checks that fail because of it folded under it, then what passes.
 * Client-safe: engine types only.
 */
import type { CheckReport, CommandFailure, CriterionResult } from '../../engine/index';

export interface FailureGroup {
  cause: CriterionResult;
  /** Checks that fail because `cause` does (their `dependsOn`). */
  follows: CriterionResult[];
}

export interface ReportView {
  failedCommand: CommandFailure | null;
  failing: FailureGroup[];
  passing: CriterionResult[];
  /** Failing checks in all, folded ones included. */
  failingCount: number;
}

export function reportView(report: CheckReport): ReportView {
  const failingAll = report.criteria.filter((c) => !c.pass);
  const ids = new Set(failingAll.map((c) => c.id));
  const roots = failingAll.filter((c) => c.dependsOn === undefined || !ids.has(c.dependsOn));
  const failing = roots.map((cause) => ({ cause, follows: failingAll.filter((c) => c !== cause && c.dependsOn === cause.id) }));
  return {
    failedCommand: report.pass ? null : (report.failedCommand ?? null),
    failing,
    passing: report.criteria.filter((c) => c.pass),
    failingCount: failingAll.length,
  };
}

/** Where a failed command ran, when it matters: another host than the first, or a container shell. */
export function failedCommandPlace(f: CommandFailure, firstHost: string): string {
  if (f.container) return ` in ${f.container} on ${f.host}`;
  return f.host !== firstHost ? ` on ${f.host}` : '';
}

/** "`docker run` failed: unknown flag: --alias" as plain text (the console prints it so). */
export function failedCommandText(f: CommandFailure, firstHost: string): string {
  return `\`${f.command}\` failed${failedCommandPlace(f, firstHost)}: ${f.error}`;
}
