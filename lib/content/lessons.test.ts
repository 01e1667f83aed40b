import path from 'node:path';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { exerciseLabWorld } from './lab-world';
import { mdxComponentFromCode } from './mdx-runtime';

const fixtures = path.resolve(__dirname, '../../e2e/fixtures');

async function freshModule() {
  // lessons.ts memoizes per process: load a fresh copy per content folder.
  const { vi } = await import('vitest');
  vi.resetModules();
  return import('./lessons');
}

afterEach(() => {
  delete process.env.DOCKNET_CONTENT_DIR;
});

describe('lesson loading', () => {
  it('compiles a lesson: frontmatter, runnable blocks with their commands, highlighted code', async () => {
    process.env.DOCKNET_CONTENT_DIR = path.join(fixtures, 'content');
    const { getAllLessons } = await freshModule();
    const [lesson] = await getAllLessons();
    expect(lesson?.meta).toMatchObject({ slug: '01-fixture', title: 'Fixture lesson', driver: 'bridge', lab: { hosts: ['host1'] } });
    const Content = mdxComponentFromCode(lesson?.code ?? '');
    const blocks: string[][] = [];
    const html = renderToStaticMarkup(
      createElement(Content, {
        components: {
          RunBlock: ({ commands, children }: { commands: string; children?: ReactNode }) => {
            blocks.push(JSON.parse(commands) as string[]);
            return createElement('div', { 'data-run': commands }, children);
          },
          Run: ({ children }: { children?: ReactNode }) => createElement('code', null, children),
          Terminal: () => null,
          Topology: () => null,
          Note: ({ children }: { children?: ReactNode }) => createElement('aside', null, children),
          Tip: ({ children }: { children?: ReactNode }) => createElement('aside', null, children),
          Warning: ({ children }: { children?: ReactNode }) => createElement('aside', null, children),
        },
      }),
    );
    // Commands survive MDX untouched, Go templates included; comment lines are not commands.
    expect(blocks).toEqual([
      ['docker network ls'],
      ['docker run -d --name fx1 --network fixturenet nginx', "docker inspect -f '{{.Name}}' fx1"],
      ['docker ps'],
    ]);
    expect(html).toContain('data-rehype-pretty-code-figure');
    expect(html).toContain('not runnable');
  }, 60_000);

  it('fails with the file, line, field and reason for bad front matter', async () => {
    process.env.DOCKNET_CONTENT_DIR = path.join(fixtures, 'bad-content');
    const { getAllLessons } = await freshModule();
    await expect(getAllLessons()).rejects.toThrow(/e2e\/fixtures\/bad-content\/01-bad\/lesson\.mdx:5:9: field "driver": Invalid option/);
  }, 60_000);

  it('loads the multi-host fixtures of the browser tests: hosts from lab.hosts or the world, exercises in the world', async () => {
    process.env.DOCKNET_CONTENT_DIR = path.join(fixtures, 'multi-host');
    const { getAllLessons } = await freshModule();
    const metas = (await getAllLessons()).map((l) => l.meta);
    expect(metas.map((m) => [m.slug, m.lab.hosts])).toEqual([
      ['01-one-host', ['host1']],
      ['02-two-hosts', ['host1', 'host2']],
      ['03-vlan-world', ['host1', 'host2']],
    ]);
    const world = metas[2]!;
    expect(world.lab.world?.machines).toContainEqual(expect.objectContaining({ name: 'camera', vlan: 20 }));
    expect(world.exercises.map((e) => [e.id, e.hosts])).toEqual([['find-camera', undefined]]);
    expect(exerciseLabWorld(world.lab, world.exercises[0]!)).toEqual({ hosts: ['host1', 'host2'], world: world.lab.world });
  }, 60_000);
});
