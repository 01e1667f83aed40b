import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileLessonMdx } from './mdx-compile';
import { mdxComponentFromCode } from './mdx-runtime';
import { parseRunCommands } from './run-commands';
import { preprocessRunTags, preprocessRunTagsMapped, runBlockHosts, runMetaHost } from './run-blocks';
import { hostRuns, parseSetupLines, setupHostProblems } from './lab-setup';

describe('parseRunCommands', () => {
  it('keeps one command per line, drops blanks and comments, joins continuations, strips prompts', () => {
    expect(parseRunCommands('\n# list\ndocker ps\n\n$ docker run -d \\\n  --name web nginx\n')).toEqual(['docker ps', 'docker run -d --name web nginx']);
  });
});

describe('preprocessRunTags', () => {
  it('maps every rewritten line back to the line the author wrote', () => {
    const { text, origin } = preprocessRunTagsMapped(['intro', '<Run>docker ps</Run>', '<Run>', 'a', '', 'b', '</Run>', 'end'].join('\n'));
    expect(text.split('\n')).toEqual(['intro', '```sh run', 'docker ps', '```', '```sh run', 'a', 'b', '```', 'end']);
    expect(origin).toEqual([0, 1, 1, 1, 2, 3, 5, 6, 7]);
  });

  it('turns block <Run> into a runnable fence, leaving code fences alone', () => {
    const source = ['<Run>docker ps</Run>', '', '```mdx', '<Run>not me</Run>', '```', '  <Run>', "  docker inspect -f '{{.Id}}' c1", '  </Run>'].join('\n');
    expect(preprocessRunTags(source)).toBe(
      ['```sh run', 'docker ps', '```', '', '```mdx', '<Run>not me</Run>', '```', '  ```sh run', "  docker inspect -f '{{.Id}}' c1", '  ```'].join('\n'),
    );
  });
});

describe('Run blocks on a host', () => {
  it('rewrites <Run host="host2"> blocks into fences that keep the host', () => {
    const source = ['<Run host="host2">', 'docker ps', '</Run>', "<Run host='host3'>docker node ls</Run>", '<Run>docker ps</Run>'].join('\n');
    expect(preprocessRunTags(source).split('\n')).toEqual([
      '```sh run host=host2',
      'docker ps',
      '```',
      '```sh run host=host3',
      'docker node ls',
      '```',
      '```sh run',
      'docker ps',
      '```',
    ]);
    expect(runMetaHost('run host=host2')).toBe('host2');
    expect(runMetaHost('title="x" run host="host3"')).toBe('host3');
    expect(runMetaHost('run')).toBeNull();
  });

  it('hands the host to the RunBlock (fences and block <Run>) and to inline <Run>', async () => {
    const body = [
      '```sh run host=host2',
      'docker swarm join --token $(ssh host1 docker swarm join-token -q worker) 192.168.1.11:2377',
      '```',
      '',
      '```sh run',
      'docker node ls',
      '```',
      '',
      '<Run host="host3">',
      'docker ps',
      '</Run>',
      '',
      'Then <Run host="host2">docker ps</Run> again.',
    ].join('\n');
    const compiled = await compileLessonMdx(body, 1);
    if (!compiled.ok) throw new Error(compiled.error.message);
    const seen: { kind: string; host: string | null; commands: string }[] = [];
    const Content = mdxComponentFromCode(compiled.code);
    const html = renderToStaticMarkup(
      createElement(Content, {
        components: {
          RunBlock: ({ commands, host, children }: { commands: string; host?: string; children?: ReactNode }) => {
            seen.push({ kind: 'block', host: host ?? null, commands });
            return createElement('div', null, children);
          },
          Run: ({ host, children }: { host?: string; children?: ReactNode }) => {
            seen.push({ kind: 'inline', host: host ?? null, commands: String(children) });
            return createElement('code', null, children);
          },
        },
      }),
    );
    expect(seen).toEqual([
      { kind: 'block', host: 'host2', commands: JSON.stringify(['docker swarm join --token $(ssh host1 docker swarm join-token -q worker) 192.168.1.11:2377']) },
      { kind: 'block', host: null, commands: JSON.stringify(['docker node ls']) },
      { kind: 'block', host: 'host3', commands: JSON.stringify(['docker ps']) },
      { kind: 'inline', host: 'host2', commands: 'docker ps' },
    ]);
    // The host is the block's, not the code's: it is not left in the fence's meta.
    expect(html).not.toContain('host=');
  });

  it('lists the hosts Run blocks name, with their lines and exercises, outside other code', () => {
    const body = [
      'Intro', // 10
      '```sh run host=host2', // 11
      'docker ps',
      '```',
      '```mdx', // 14
      '```sh run host=ghost',
      '```',
      '<Exercise id="join">', // 17
      'Join: <Run host="host3">docker swarm leave</Run>',
      '</Exercise>',
      '<Exercise id="solo" />', // 20
      '```sh run host=host4',
      '```',
    ].join('\n');
    expect(runBlockHosts(body, 10)).toEqual([
      { host: 'host2', line: 11, column: 11, exercise: null },
      { host: 'host3', line: 18, column: 12, exercise: 'join' },
      { host: 'host4', line: 21, column: 11, exercise: null },
    ]);
  });
});

describe('lab setup lines', () => {
  it('runs plain lines on the first host and "host2$ " lines on host2', () => {
    expect(parseSetupLines(['docker network create n', 'host2$ docker ps'], ['host1', 'host2'])).toEqual([
      { host: 'host1', command: 'docker network create n' },
      { host: 'host2', command: 'docker ps' },
    ]);
    expect(setupHostProblems(['docker ps', 'host3$ docker ps'], ['host1'])).toEqual([{ index: 1, message: `host "host3" is not one of the lab's hosts (host1)` }]);
  });

  it('groups an exercise solution into runs of consecutive lines per host, prefixes dropped', () => {
    const solution = ['docker network create n', 'docker run -d --name a --network n nginx', 'host2$ docker network create n', 'host2$ docker ps', 'ssh router ip route', 'host9$ docker ps'];
    expect(hostRuns(solution, ['host1', 'host2'])).toEqual([
      { host: 'host1', commands: ['docker network create n', 'docker run -d --name a --network n nginx'] },
      { host: 'host2', commands: ['docker network create n', 'docker ps'] },
      // ssh runs from the first host; a host the lab lacks is not a prefix (the shell says so).
      { host: 'host1', commands: ['ssh router ip route', 'host9$ docker ps'] },
    ]);
  });
});
