import { z } from 'zod';

/** The Docker network driver a lesson is about ("cli" for the lesson on the basic commands). */
export const lessonDriverSchema = z.enum(['cli', 'host', 'bridge', 'user-bridge', 'ports', 'none', 'overlay', 'macvlan']);

const hostNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'a host name is lower-case letters, digits and dashes');

/** The lab a lesson's terminal starts on: which hosts, and commands already run on it. */
export const labSpecSchema = z
  .object({
    hosts: z.array(hostNameSchema).min(1).max(6).default(['host1']),
    /** Commands run (on the first host unless prefixed "host2$ ") before the learner starts. */
    setup: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const lessonFrontmatterSchema = z
  .object({
    title: z.string().min(3).max(80),
    summary: z.string().min(10).max(300),
    order: z.number().int().min(1),
    driver: lessonDriverSchema,
    minutes: z.number().int().min(1).max(180),
    lab: labSpecSchema.default({ hosts: ['host1'], setup: [] }),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type LabSpec = z.infer<typeof labSpecSchema>;
