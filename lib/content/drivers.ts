/**
 * The drivers a lesson can be about, and how each reads on a badge. No dependencies: the studio's
 * first load (the scaffold) needs the list before the schemas and the engine they pull in.
 */

/** "cli": the lesson on the basic commands; "swarm": swarm services; "mixed": several drivers at once. */
export const LESSON_DRIVERS = ['cli', 'host', 'bridge', 'user-bridge', 'ports', 'none', 'overlay', 'swarm', 'macvlan', 'ipvlan', 'mixed'] as const;

export type LessonDriver = (typeof LESSON_DRIVERS)[number];

const DRIVER_LABEL: Record<LessonDriver, string> = {
  cli: 'docker CLI',
  host: 'host',
  bridge: 'bridge',
  'user-bridge': 'user-defined bridge',
  ports: 'published ports',
  none: 'none',
  overlay: 'overlay',
  swarm: 'swarm services',
  macvlan: 'macvlan',
  ipvlan: 'ipvlan',
  mixed: 'several drivers',
};

export function driverLabel(driver: LessonDriver): string {
  return DRIVER_LABEL[driver];
}

export function isLessonDriver(name: string): name is LessonDriver {
  return (LESSON_DRIVERS as readonly string[]).includes(name);
}
