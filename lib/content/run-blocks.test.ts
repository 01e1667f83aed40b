import { describe, expect, it } from 'vitest';
import { parseRunCommands } from './run-commands';
import { preprocessRunTags } from './run-blocks';
import { parseSetupLines, setupHostProblems } from './lab-setup';

describe('parseRunCommands', () => {
  it('keeps one command per line, drops blanks and comments, joins continuations, strips prompts', () => {
    expect(parseRunCommands('\n# list\ndocker ps\n\n$ docker run -d \\\n  --name web nginx\n')).toEqual(['docker ps', 'docker run -d --name web nginx']);
  });
});

describe('preprocessRunTags', () => {
  it('turns block <Run> into a runnable fence, leaving code fences alone', () => {
    const source = ['<Run>docker ps</Run>', '', '```mdx', '<Run>not me</Run>', '```', '  <Run>', "  docker inspect -f '{{.Id}}' c1", '  </Run>'].join('\n');
    expect(preprocessRunTags(source)).toBe(
      ['```sh run', 'docker ps', '```', '', '```mdx', '<Run>not me</Run>', '```', '  ```sh run', "  docker inspect -f '{{.Id}}' c1", '  ```'].join('\n'),
    );
  });
});

describe('lab setup lines', () => {
  it('runs plain lines on the first host and "host2$ " lines on host2', () => {
    expect(parseSetupLines(['docker network create n', 'host2$ docker ps'], ['host1', 'host2'])).toEqual([
      { host: 'host1', command: 'docker network create n' },
      { host: 'host2', command: 'docker ps' },
    ]);
    expect(setupHostProblems(['host3$ docker ps'], ['host1'])).toEqual(['lab.setup[0]: host "host3" is not in lab.hosts (host1)']);
  });
});
