/**
 * A new lesson folder's files: lesson.mdx with one placed exercise that `content:check` accepts as
 * it stands (its goal fails untouched, the solution passes, the near miss fails where it says).
 * Used by `npm run content:new` and the studio's "New lesson". Client-safe.
 */
import { stringify } from 'yaml';
import { joinFrontMatter } from './front-matter';
import { isLessonDriver, LESSON_DRIVERS } from './drivers';
import { HOST_NAME, LESSON_SLUG } from './names';
import type { LessonFrontmatter } from './lesson-schema';

export interface ScaffoldOptions {
  slug: string;
  driver?: string;
  hosts?: string[];
  /** Orders already taken; the new lesson comes after them. */
  takenOrders?: readonly number[];
}

export interface ScaffoldFiles {
  slug: string;
  /** Relative to the lesson folder: "lesson.mdx", "exercises/first-network.yaml". */
  files: { path: string; text: string }[];
}

export const SCAFFOLD_EXERCISE_ID = 'first-network';

/** Lets editors with a YAML language server (VS Code's YAML extension) complete and check the file. */
export const EXERCISE_SCHEMA_COMMENT = '# yaml-language-server: $schema=../../../docs/exercise.schema.json';

function titleFromSlug(slug: string): string {
  const words = slug.replace(/^\d+-/, '').split('-').filter(Boolean).join(' ');
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return title.length >= 3 ? title : `Lesson ${slug}`;
}

/** The files, or the reason the options are refused. */
export function scaffoldLesson(options: ScaffoldOptions): ScaffoldFiles | { error: string } {
  const { slug } = options;
  if (!LESSON_SLUG.test(slug)) return { error: `"${slug}" is not a lesson slug: lower-case letters, digits and dashes (it becomes the URL /lessons/${slug}/)` };
  const driver = options.driver ?? 'bridge';
  if (!isLessonDriver(driver)) return { error: `--driver must be one of ${LESSON_DRIVERS.join(', ')}` };
  const hosts = options.hosts && options.hosts.length > 0 ? options.hosts : ['host1'];
  const badHost = hosts.find((h) => !HOST_NAME.test(h));
  if (badHost !== undefined) return { error: `"${badHost}" is not a host name: lower-case letters, digits and dashes, starting with a letter` };
  if (new Set(hosts).size !== hosts.length || hosts.length > 6) return { error: '--hosts takes 1 to 6 different names' };
  const order = Math.max(0, ...(options.takenOrders ?? [])) + 1;
  const title = titleFromSlug(slug);
  const frontmatter: LessonFrontmatter = {
    title,
    summary: `What the learner will be able to do after "${title}", in one or two sentences.`,
    order,
    driver,
    minutes: 10,
    lab: { hosts, setup: [] },
  };
  const host = hosts[0];
  const body = `
Start with why this matters, then show it in the lab. The terminal runs on **${host}**${hosts.length > 1 ? ` (the lab also has ${hosts.slice(1).join(', ')}: \`ssh ${hosts[1]}\` moves there)` : ''}.

<Terminal />

Create a network of your own and look at it:

<Run>
docker network create appnet
docker network ls
</Run>

<Topology />

<Exercise id="${SCAFFOLD_EXERCISE_ID}">
Put an nginx container called \`web\` and an Alpine container called \`client\` on a user-defined
bridge network \`appnet\`, so that \`client\` fetches the page from \`http://web/\` by name.
</Exercise>
`;
  const exercise = {
    title: 'Two containers on a network of your own',
    goal: {
      networks: [{ name: 'appnet', driver: 'bridge' }],
      containers: [
        { name: 'web', state: 'running', networks: [{ network: 'appnet' }] },
        { name: 'client', state: 'running', networks: [{ network: 'appnet' }] },
      ],
      probes: [{ id: 'client-gets-web', http: { from: 'client', url: 'http://web/', contains: 'Welcome to nginx' } }],
    },
    hints: [
      '`docker network create appnet` makes a user-defined bridge network.',
      '`docker run` takes `--network appnet`; give each container its name with `--name`.',
    ],
    solution: ['docker network create appnet', 'docker run -d --name web --network appnet nginx', 'docker run -dit --name client --network appnet alpine'],
    nearMisses: [
      {
        why: 'web stays on the default bridge, where client cannot reach it by name',
        commands: ['docker network create appnet', 'docker run -d --name web nginx', 'docker run -dit --name client --network appnet alpine'],
        fails: ['containers.web.networks.appnet', 'probes.client-gets-web'],
      },
    ],
    alternatives: [
      {
        why: 'web can join appnet after it started',
        commands: ['docker network create appnet', 'docker run -d --name web nginx', 'docker network connect appnet web', 'docker run -dit --name client --network appnet alpine'],
      },
    ],
  };
  return {
    slug,
    files: [
      { path: 'lesson.mdx', text: joinFrontMatter(stringify(frontmatter, { lineWidth: 0 }), body) },
      { path: `exercises/${SCAFFOLD_EXERCISE_ID}.yaml`, text: `${EXERCISE_SCHEMA_COMMENT}\n${stringify(exercise, { lineWidth: 0 })}` },
    ],
  };
}
