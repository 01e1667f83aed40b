/**
 * `npm run content:new -- <slug> [--driver NAME] [--hosts host1,host2]`: scaffolds
 * content/<slug>/lesson.mdx and one exercise that `npm run content:check` accepts as it stands.
 * Refuses a slug that exists. DOCKNET_CONTENT_DIR picks another content folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentDir, loadCourse } from '../lib/content/content-files';
import { scaffoldLesson } from '../lib/content/scaffold';

const USAGE = 'usage: npm run content:new -- <slug> [--driver NAME] [--hosts host1,host2]';

function fail(message: string): never {
  process.stderr.write(`content:new: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let slug: string | null = null;
  let driver: string | undefined;
  let hosts: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const eq = a.indexOf('=');
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') fail(`${a.split('=')[0]} needs a value`);
      return v;
    };
    if (a === '--driver' || a.startsWith('--driver=')) driver = value();
    else if (a === '--hosts' || a.startsWith('--hosts=')) hosts = value().split(',').map((h) => h.trim()).filter(Boolean);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a.startsWith('-')) fail(`unknown option ${a}`);
    else if (slug === null) slug = a;
    else fail(`one slug only (got "${slug}" and "${a}")`);
  }
  if (slug === null) fail('which lesson? give its slug, e.g. 07-macvlan');
  const root = contentDir();
  const course = await loadCourse(root);
  if (course.folders.some((f) => path.basename(f.dir) === slug || path.basename(f.dir) === `${slug}.mdx`)) {
    fail(`${path.relative(process.cwd(), path.join(root, slug))} already exists`);
  }
  const scaffold = scaffoldLesson({ slug, driver, hosts, takenOrders: course.lessons.map((l) => l.frontmatter.order) });
  if ('error' in scaffold) fail(scaffold.error);
  for (const file of scaffold.files) {
    const target = path.join(root, slug, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text, { flag: 'wx' });
    process.stdout.write(`created ${path.relative(process.cwd(), target)}\n`);
  }
  process.stdout.write(`next: npm run dev, open /lessons/${slug}/ (or /studio/), and npm run content:check\n`);
}

void main();
