/**
 * A lab saved in the browser: the engine snapshot, the terminal history and what the terminal
 * showed. One entry per lesson (and one for the playground), under "docknet:lab:v1:<key>".
 */
import { readStorage, removeStorage, writeStorage } from './storage';
import { isFiniteNumber, isRecord, isStringArray } from './storage-validate';

const SAVED_LAB_VERSION = 1;

export interface SavedLab {
  version: typeof SAVED_LAB_VERSION;
  /** Fingerprint of the lesson's starting lab: when the lesson changes, old saves are dropped. */
  spec: string;
  savedAt: number;
  /** The engine's snapshot; the engine itself judges it (restoreLab). */
  snapshot: unknown;
  history: string[];
  transcript: string;
  /** Where the terminal's session was (inside a container, on host2); the engine validates it. */
  place?: unknown;
}

function asSavedLab(data: unknown): SavedLab | null {
  if (!isRecord(data) || data.version !== SAVED_LAB_VERSION) return null;
  const { spec, savedAt, snapshot, history, transcript, place } = data;
  if (typeof spec !== 'string' || !isFiniteNumber(savedAt) || typeof transcript !== 'string') return null;
  if (!isStringArray(history) || history.length > 5000 || snapshot === undefined) return null;
  return { version: SAVED_LAB_VERSION, spec, savedAt, snapshot, history, transcript, ...(place !== undefined ? { place } : {}) };
}

export type LoadedLab =
  | { kind: 'none' }
  | { kind: 'saved'; saved: SavedLab }
  /** Something was stored but cannot be used; `reason` is shown to the learner. */
  | { kind: 'unusable'; reason: string };

export function labStorageKey(labKey: string): string {
  return `docknet:lab:v1:${labKey}`;
}

export function loadSavedLab(labKey: string, spec: string): LoadedLab {
  const raw = readStorage(labStorageKey(labKey));
  if (raw === null) return { kind: 'none' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'unusable', reason: 'the saved data is not valid JSON' };
  }
  const saved = asSavedLab(data);
  if (!saved) return { kind: 'unusable', reason: 'the saved data is from another version of Docknet or damaged' };
  if (saved.spec !== spec) return { kind: 'unusable', reason: "this lesson's starting lab has changed since you saved it" };
  return { kind: 'saved', saved };
}

export function saveLab(labKey: string, lab: Omit<SavedLab, 'version' | 'savedAt'>): boolean {
  const record: SavedLab = { version: SAVED_LAB_VERSION, savedAt: Date.now(), ...lab };
  return writeStorage(labStorageKey(labKey), JSON.stringify(record));
}

export function forgetLab(labKey: string): void {
  removeStorage(labStorageKey(labKey));
}
