import { z } from 'zod';
import { exerciseSchema } from './exercise-schema';

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
    /** Graded exercises; `<Exercise id="...">` in the body places each one. */
    exercises: z.array(exerciseSchema).default([]),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    const seen = new Set<string>();
    lesson.exercises.forEach((ex, i) => {
      if (seen.has(ex.id)) ctx.addIssue({ code: 'custom', path: ['exercises', i, 'id'], message: `duplicate exercise id "${ex.id}"` });
      seen.add(ex.id);
    });
  });

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type LabSpec = z.infer<typeof labSpecSchema>;
