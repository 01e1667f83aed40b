/** How each lesson's `driver` reads on a badge. */
import type { LessonFrontmatter } from './lesson-schema';

const DRIVER_LABEL: Record<LessonFrontmatter['driver'], string> = {
  cli: 'docker CLI',
  host: 'host',
  bridge: 'bridge',
  'user-bridge': 'user-defined bridge',
  ports: 'published ports',
  none: 'none',
  overlay: 'overlay',
  macvlan: 'macvlan',
};

export function driverLabel(driver: LessonFrontmatter['driver']): string {
  return DRIVER_LABEL[driver];
}
