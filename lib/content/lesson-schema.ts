import { z } from 'zod';
import type { Exercise } from './exercise-schema';

/** The Docker network driver a lesson is about ("cli" for the lesson on the basic commands). */
export const lessonDriverSchema = z.enum(['cli', 'host', 'bridge', 'user-bridge', 'ports', 'none', 'overlay', 'macvlan']);

export const HOST_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const hostNameSchema = z.string().regex(HOST_NAME, 'a host name is lower-case letters, digits and dashes');

/** The lab a lesson's terminal starts on: which hosts, and commands already run on it. */
export const labSpecSchema = z
  .object({
    hosts: z.array(hostNameSchema).min(1).max(6).default(['host1']).describe('Docker hosts on the lab\'s LAN (default: [host1]).'),
    setup: z
      .array(z.string().min(1))
      .default([])
      .describe('Commands run before the learner starts, on the first host unless prefixed "host2$ ".'),
  })
  .strict();

/**
 * The front matter of `content/<slug>/lesson.mdx`. Exercises live beside it in
 * `exercises/<id>.yaml`; their order is the order of the `<Exercise id="…">` tags in the body.
 */
export const lessonFrontmatterSchema = z
  .object({
    title: z.string().min(3).max(80).describe('The lesson\'s title (page heading and course list).'),
    summary: z.string().min(10).max(300).describe('One or two sentences under the title and in the course list.'),
    order: z.number().int().min(1).describe('Position in the course; unique across lessons.'),
    driver: lessonDriverSchema.describe('The network driver the lesson is about (a badge).'),
    minutes: z.number().int().min(1).max(180).describe('About how long the lesson takes.'),
    lab: labSpecSchema.default({ hosts: ['host1'], setup: [] }).describe('The lab beside the lesson.'),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type LabSpec = z.infer<typeof labSpecSchema>;

/** A lesson as the site uses it: its front matter and its exercises in reading order. */
export interface LessonData extends LessonFrontmatter {
  exercises: Exercise[];
}
