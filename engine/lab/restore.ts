import type { LabOptions, RestoreResult } from '../api';
import { STATE_VERSION, type WorldState } from '../world/state';
import { canonicalShapes } from '../kernel/netns';
import { LabImpl } from './lab';
import { trialRun } from './restore-guard';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Restores a snapshot; an old or damaged one is refused with a reason, never half-loaded. */
export async function restoreLab(snapshot: unknown, options: LabOptions = {}): Promise<RestoreResult> {
  let snap: unknown = snapshot;
  if (typeof snap === 'string') {
    try {
      snap = JSON.parse(snap);
    } catch {
      return { ok: false, error: 'the saved lab is not valid JSON' };
    }
  }
  if (!isRecord(snap) || snap['format'] !== 'docknet-lab') return { ok: false, error: 'this is not a Docknet lab snapshot' };
  if (snap['version'] !== STATE_VERSION) return { ok: false, error: `the saved lab is from an older version of Docknet (format ${String(snap['version'])})` };
  const state = snap['state'];
  if (!isRecord(state)) return { ok: false, error: 'the saved lab has no state' };
  const problem = checkWorld(state);
  if (problem) return { ok: false, error: `the saved lab is damaged: ${problem}` };
  // One serialisation, parsed twice: a copy for the trial to throw away and the lab's own world.
  let text: string;
  try {
    text = JSON.stringify(state);
  } catch (error) {
    return { ok: false, error: `the saved lab is damaged: ${error instanceof Error ? error.message : String(error)}` };
  }
  const trialProblem = await trialRun(state, () => openResumed(JSON.parse(text) as WorldState, 'instant', 1));
  if (trialProblem) return { ok: false, error: `the saved lab is damaged: ${trialProblem}` };
  return { ok: true, lab: openResumed(JSON.parse(text) as WorldState, options.pacing ?? 'instant') };
}

function checkWorld(s: Record<string, unknown>): string | null {
  const netns = s['netns'];
  const hosts = s['hosts'];
  const order = s['hostOrder'];
  if (!isRecord(netns) || !isRecord(hosts) || !Array.isArray(order) || order.length === 0) return 'missing hosts or namespaces';
  if (typeof s['clock'] !== 'number' || !isRecord(s['rng']) || typeof s['netVersion'] !== 'number') return 'missing clock or random state';
  if (!isRecord(s['machines']) || !isRecord(s['lan']) || !isRecord(s['segments'])) return 'missing LAN';
  for (const name of order) {
    const h = hosts[String(name)];
    if (!isRecord(h)) return `host ${String(name)} is missing`;
    if (!isRecord(netns[String(h['nsId'])])) return `host ${String(name)} has no namespace`;
    const d = h['docker'];
    if (!isRecord(d) || !isRecord(d['containers']) || !isRecord(d['networks']) || !isRecord(d['images'])) return `host ${String(name)} has no Docker state`;
    for (const c of Object.values(d['containers'])) {
      if (!isRecord(c) || typeof c['id'] !== 'string' || !Array.isArray(c['endpoints'])) return 'a container record is malformed';
      if (c['nsId'] !== null && typeof c['nsId'] === 'string' && !isRecord(netns[c['nsId']])) return `container ${String(c['name'])} lost its namespace`;
    }
  }
  for (const seg of Object.values(s['segments'] as Record<string, unknown>)) {
    if (!isRecord(seg) || !Array.isArray(seg['ports']) || !Array.isArray(seg['vlans']) || !seg['ports'].every((p) => isRecord(p) && Array.isArray(p['tagged']))) return 'a LAN segment is malformed';
  }
  for (const ns of Object.values(netns)) {
    if (!isRecord(ns) || !Array.isArray(ns['links']) || !Array.isArray(ns['routes']) || !isRecord(ns['nf'])) return 'a network namespace is malformed';
  }
  return null;
}

/** A lab over a restored world, its containers' processes running again. */
function openResumed(world: WorldState, pacing: 'instant' | 'realtime', swarmTurns = Infinity): LabImpl {
  canonicalShapes(world);
  const lab = new LabImpl(world, pacing, swarmTurns);
  lab.resume();
  return lab;
}
