/**
 * The engine's public face. The browser terminal, the `npm run lab` console, tests and the
 * checker use only what is exported here.
 */
import { createLab as create, restoreLab as restore } from './lab';
import type { Lab, LabOptions, RestoreResult } from './api';

export type {
  Completion,
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
} from './api';

export { checkGoal, type CheckOutcome } from './checker/index';
export { goalSchema, type Goal, type GoalInput, type CheckReport, type CriterionResult } from './checker/goal';

/** A new lab: Docker hosts on one LAN behind a router to a small internet. */
export function createLab(options: LabOptions = {}): Lab {
  return create(options);
}

/** A lab from a snapshot; `{ ok: false, error }` for an old or damaged one (after a trial run: engine/restore-guard.ts). */
export function restoreLab(snapshot: unknown, options: LabOptions = {}): Promise<RestoreResult> {
  return restore(snapshot, options);
}
