import { z } from 'zod';
import { goalSchema } from '../../engine/index';

/**
 * A graded exercise: `content/<lesson>/exercises/<id>.yaml`, where the file name is the exercise's
 * id. `npm run content:check` (and the studio's Prove panel) replays every exercise: its goal must
 * fail right after `setup`, pass after `solution`, pass after each of the `alternatives`, and fail
 * on the listed criteria after each of the `nearMisses`.
 */

import { EXERCISE_ID, HOST_NAME } from './names';

export { EXERCISE_ID };

const command = z.string().min(1);

export const exerciseFileSchema = z
  .object({
    title: z.string().min(3).max(80).describe('The exercise\'s heading, shown above the task.'),
    hosts: z
      .array(z.string().regex(HOST_NAME))
      .min(1)
      .max(6)
      .optional()
      .describe('Docker hosts of the exercise\'s own lab, on the default LAN (default: the lesson\'s lab, its hosts or its world).'),
    setup: z
      .array(command)
      .default([])
      .describe('Commands run before the learner starts, on the first host ("host2$ cmd" runs on host2). The goal must fail right after them.'),
    goal: goalSchema.describe('The target the checker grades: networks, containers and probes (reach, resolve, http).'),
    hints: z.array(z.string().min(3)).min(1).describe('Revealed one at a time. `code` spans are shown as code.'),
    solution: z.array(command).min(1).describe('Commands that solve the exercise: the goal must pass after them.'),
    nearMisses: z
      .array(
        z
          .object({
            why: z.string().min(3).describe('What this wrong attempt gets wrong.'),
            commands: z.array(command).min(1),
            fails: z.array(z.string().min(1)).min(1).describe('Criterion ids that must fail ("networks.my_bridge.subnet", "probes.<id>").'),
          })
          .strict(),
      )
      .default([])
      .describe('Wrong attempts that must fail, each on the criteria it names.'),
    alternatives: z
      .array(z.object({ why: z.string().min(3).describe('Why this is correct too.'), commands: z.array(command).min(1) }).strict())
      .default([])
      .describe('Other correct attempts (different commands, same behaviour) that must pass.'),
  })
  .strict();

export const exerciseSchema = exerciseFileSchema.extend({
  id: z.string().regex(EXERCISE_ID, 'an id is lower-case letters, digits and dashes'),
});

export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseInput = z.input<typeof exerciseSchema>;
export type ExerciseFile = z.infer<typeof exerciseFileSchema>;
