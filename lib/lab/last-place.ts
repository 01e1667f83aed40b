/**
 * Where the learner left off: the lesson and the section they last had on screen, so the course
 * index can offer "continue where you left off" with a jump to that section.
 */
import { readStorage, writeStorage } from './storage';
import { isRecord } from './storage-validate';

const KEY = 'docknet:last-place:v1';

export interface LastPlace {
  slug: string;
  section: string | null;
  /** The section's title, to say where the link goes. */
  sectionTitle: string | null;
}

export function readLastPlace(): LastPlace | null {
  const raw = readStorage(KEY);
  if (raw === null) return null;
  try {
    const data: unknown = JSON.parse(raw);
    if (!isRecord(data) || typeof data.slug !== 'string') return null;
    return {
      slug: data.slug,
      section: typeof data.section === 'string' ? data.section : null,
      sectionTitle: typeof data.sectionTitle === 'string' ? data.sectionTitle : null,
    };
  } catch {
    return null;
  }
}

export function writeLastPlace(place: LastPlace): void {
  writeStorage(KEY, JSON.stringify(place));
}
