/**
 * Which lab a lesson page shows (its own or one of its exercises'), so a reload returns to the
 * exercise the learner was in; and a small "I am here" message between browser tabs that open
 * the same lab, carried by storage events, so neither tab silently overwrites the other's saves.
 */
import { readStorage, removeStorage, writeStorage } from './storage';
import { isRecord } from './storage-validate';

const ACTIVE_PREFIX = 'docknet:active-lab:v1:';
const PRESENCE_PREFIX = 'docknet:presence:v1:';

export function readActiveLab(pageLabKey: string): string | null {
  return readStorage(`${ACTIVE_PREFIX}${pageLabKey}`);
}

/** null: the page's own lab. */
export function writeActiveLab(pageLabKey: string, labKey: string | null): void {
  if (labKey === null || labKey === pageLabKey) removeStorage(`${ACTIVE_PREFIX}${pageLabKey}`);
  else writeStorage(`${ACTIVE_PREFIX}${pageLabKey}`, labKey);
}

export interface PresenceMessage {
  tab: string;
  /** hello: a tab opened the lab; here: the answer of a tab that has it open. */
  kind: 'hello' | 'here';
}

export function presenceKey(labKey: string): string {
  return `${PRESENCE_PREFIX}${labKey}`;
}

export function announcePresence(labKey: string, message: PresenceMessage): void {
  // The time makes every message a change, so the storage event fires even for a repeat.
  writeStorage(presenceKey(labKey), JSON.stringify({ ...message, at: Date.now() }));
}

export function readPresence(raw: string | null): PresenceMessage | null {
  if (raw === null) return null;
  try {
    const data: unknown = JSON.parse(raw);
    if (isRecord(data) && typeof data.tab === 'string' && (data.kind === 'hello' || data.kind === 'here')) return { tab: data.tab, kind: data.kind };
  } catch {
    // not ours
  }
  return null;
}
