import { z } from 'zod';
import { worldSpecSchema, type WorldSpec } from '../../engine/index';
import { LESSON_DRIVERS } from './drivers';
import type { Exercise } from './exercise-schema';
import { HOST_NAME } from './names';

export { HOST_NAME };

/** The Docker network driver a lesson is about ("cli" for the lesson on the basic commands). */
export const lessonDriverSchema = z.enum(LESSON_DRIVERS);

const hostNameSchema = z.string().regex(HOST_NAME, 'a host name is lower-case letters, digits and dashes');

/** The Docker hosts of a world, in order (hosts with `docker: false` are plain machines). */
export function dockerHostsOf(world: WorldSpec): string[] {
  return world.hosts.filter((h) => h.docker).map((h) => h.name);
}

const labInputSchema = z
  .object({
    hosts: z
      .array(hostNameSchema)
      .min(1)
      .max(6)
      .optional()
      .describe("Docker hosts on the lab's default LAN (default: [host1]). Leave out with `world`: the world lists the hosts."),
    world: worldSpecSchema
      .optional()
      .describe(
        'The whole world instead of `hosts`: Docker hosts with their NICs (VLAN trunks, promiscuous mode), other machines, switches with VLANs, the router (docs/world.schema.json, docs/worlds.md).',
      ),
    setup: z
      .array(z.string().min(1))
      .default([])
      .describe('Commands run before the learner starts, on the first host unless prefixed "host2$ ".'),
  })
  .strict()
  .superRefine((lab, ctx) => {
    // (A world without a Docker host is refused by the world's own checks.)
    if (lab.hosts && lab.world) {
      ctx.addIssue({ code: 'custom', path: ['hosts'], message: 'give hosts or world, not both: world.hosts lists the hosts' });
    }
  });

/**
 * The lab a lesson's terminal starts on: which hosts (given, or the Docker hosts of `world`), the
 * world when the lesson describes one, and commands already run on it. After parsing, `hosts` is
 * always there: the terminal tabs, setup lines and Run blocks name them.
 */
export const labSpecSchema = labInputSchema.transform((lab) => ({
  hosts: lab.world ? dockerHostsOf(lab.world) : (lab.hosts ?? ['host1']),
  ...(lab.world ? { world: lab.world } : {}),
  setup: lab.setup,
}));

/**
 * The front matter of `content/<slug>/lesson.mdx`. Exercises live beside it in
 * `exercises/<id>.yaml`; their order is the order of the `<Exercise id="…">` tags in the body.
 */
export const lessonFrontmatterSchema = z
  .object({
    title: z.string().min(3).max(80).describe('The lesson\'s title (page heading and course list).'),
    summary: z.string().min(10).max(300).describe('One or two sentences under the title and in the course list.'),
    order: z.number().int().min(1).describe('Position in the course; unique across lessons.'),
    driver: lessonDriverSchema.describe('The network driver the lesson is about (a badge): "swarm" for swarm services, "mixed" for several.'),
    minutes: z.number().int().min(1).max(180).describe('About how long the lesson takes.'),
    lab: labSpecSchema.prefault({}).describe('The lab beside the lesson: `hosts` or a whole `world`, and `setup`.'),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type LabSpec = z.infer<typeof labSpecSchema>;

/** A lesson as the site uses it: its front matter and its exercises in reading order. */
export interface LessonData extends LessonFrontmatter {
  exercises: Exercise[];
}
