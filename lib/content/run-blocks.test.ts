import { describe, expect, it } from 'vitest';
import { parseRunCommands } from './run-commands';
import { preprocessRunTags, preprocessRunTagsMapped } from './run-blocks';
import { parseSetupLines, setupHostProblems } from './lab-setup';

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

describe('lab setup lines', () => {
  it('runs plain lines on the first host and "host2$ " lines on host2', () => {
    expect(parseSetupLines(['docker network create n', 'host2$ docker ps'], ['host1', 'host2'])).toEqual([
      { host: 'host1', command: 'docker network create n' },
      { host: 'host2', command: 'docker ps' },
    ]);
    expect(setupHostProblems(['docker ps', 'host3$ docker ps'], ['host1'])).toEqual([{ index: 1, message: `host "host3" is not one of the lab's hosts (host1)` }]);
  });
});
