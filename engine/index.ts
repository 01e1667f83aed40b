/**
 * The engine's public face. The browser terminal, the `npm run lab` console, tests and the
 * checker use only what is exported here.
 */
import { createLab as create, LabImpl } from './lab/lab';
import { restoreLab as restore } from './lab/restore';
import { gradeWorld, type CheckOutcome } from './checker/index';
import type { GoalInput } from './checker/goal';
import type { Lab, LabOptions, RestoreResult } from './api';

export type {
  CommandFailure,
  Completion,
  ExplainHop,
  ExplainRequest,
  ExplainRule,
  PathExplanation,
  PathVerdict,
  ProbeCommand,
  Lab,
  LabEvent,
  LabOptions,
  LabSnapshot,
  RestoreResult,
  RunIO,
  RunResult,
  Session,
  SessionOptions,
  Stream,
  Topology,
  TopologyContainer,
  TopologyEndpoint,
  TopologyHost,
  TopologyNetwork,
  TopologyPort,
  TopologyMachine,
  TopologyOverlay,
  TopologyService,
  TopologySwarm,
} from './api';

export type { CheckOutcome } from './checker/index';
export {
  worldSpecSchema,
  parseWorldSpec,
  type WorldSpec,
  type WorldSpecInput,
  type WorldSpecResult,
  type HostSpec,
  type MachineSpec,
  type NicSpec,
  type SegmentSpec,
  type RouterSpec,
} from './world/spec';
export { goalSchema, type Goal, type GoalInput, type CheckReport, type CriterionResult } from './checker/goal';

/** A new lab: by default Docker hosts on one LAN behind a router to a small internet; `world` describes any other. */
export function createLab(options: LabOptions = {}): Lab {
  return create(options);
}

/** A lab from a snapshot; `{ ok: false, error }` for an old or damaged one (after a trial run: engine/restore-guard.ts). */
export function restoreLab(snapshot: unknown, options: LabOptions = {}): Promise<RestoreResult> {
  return restore(snapshot, options);
}

/**
 * Grades a lab against a goal, criterion by criterion, on a copy of its world: checking never
 * changes the learner's lab. Terminal goals read where the lab's sessions are; a failing report
 * carries the lab's last failed command (`lab.lastFailure()`) as `failedCommand`.
 */
export function checkGoal(lab: Lab, goal: GoalInput): CheckOutcome {
  if (!(lab instanceof LabImpl)) return { ok: false, error: 'this lab was not created by createLab' };
  return gradeWorld(lab.world, goal, { terminals: lab.terminalStates(), failedCommand: lab.lastFailure() });
}
