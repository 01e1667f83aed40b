import { z } from 'zod';
import { goalSchema } from '../../engine/index';

/**
 * A graded exercise, as data in a lesson's frontmatter. `npm run content:check` replays every
 * exercise: its goal must fail right after `setup`, pass after `solution`, pass after each of the
 * `alternatives`, and fail on the listed criteria after each of the `nearMisses`.
 */

const command = z.string().min(1);

export const exerciseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'an id is lower-case letters, digits and dashes'),
    title: z.string().min(3).max(80),
    /** Hosts of the exercise's lab (default: the lesson's). */
    hosts: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,30}$/)).min(1).max(6).optional(),
    /** Commands run before the learner starts ("host2$ cmd" runs on host2). */
    setup: z.array(command).default([]),
    goal: goalSchema,
    /** Revealed one at a time. */
    hints: z.array(z.string().min(3)).min(1),
    solution: z.array(command).min(1),
    /** Wrong attempts that must fail, and on which criteria (ids from the checker). */
    nearMisses: z
      .array(z.object({ why: z.string().min(3), commands: z.array(command).min(1), fails: z.array(z.string().min(1)).min(1) }).strict())
      .default([]),
    /** Other correct attempts (different commands, same behaviour) that must pass. */
    alternatives: z.array(z.object({ why: z.string().min(3), commands: z.array(command).min(1) }).strict()).default([]),
  })
  .strict();

export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseInput = z.input<typeof exerciseSchema>;
