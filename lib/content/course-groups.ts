/**
 * The course index's groups: lessons on one Docker host, then lessons across hosts (a lab with
 * more than one Docker host), each in course order. Empty groups are left out.
 */
import { isMultiHost } from './lab-world';

export type CourseGroupId = 'one-host' | 'across-hosts';

export interface CourseGroup<L> {
  id: CourseGroupId;
  title: string;
  blurb: string;
  /** Each lesson with its number in the whole course (1-based), which groups do not restart. */
  lessons: { lesson: L; number: number }[];
}

const GROUPS: readonly Omit<CourseGroup<never>, 'lessons'>[] = [
  { id: 'one-host', title: 'On one host', blurb: 'One Docker host: its containers, bridges, ports and iptables.' },
  { id: 'across-hosts', title: 'Across hosts', blurb: 'Several Docker hosts on a LAN, each with its own terminal tab.' },
];

export function courseGroups<L extends { lab: { hosts: readonly string[] } }>(lessons: readonly L[]): CourseGroup<L>[] {
  const numbered = lessons.map((lesson, index) => ({ lesson, number: index + 1 }));
  return GROUPS.map((group) => ({
    ...group,
    lessons: numbered.filter(({ lesson }) => (group.id === 'across-hosts') === isMultiHost(lesson.lab)),
  })).filter((group) => group.lessons.length > 0);
}
