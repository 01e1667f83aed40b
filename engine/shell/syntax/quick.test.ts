import { describe, expect, it } from 'vitest';
import { Parser } from './parser';
import { quickParse } from './quick';
import type { ShellKind } from './ast';

/** The full grammar's tree for the same input (what parse() returned before the quick path). */
function fullParse(src: string, shell: ShellKind = 'bash') {
  return new Parser(src, { shell, interactive: true }).program();
}

const WORDS = ['"table {{.Names}}\\t{{.Status}}"', '--format="{{json .}}"', "'a b'", '""', "''", 'a"b"c', "x'y'", '"$HOME"', '"a`b`"', '"a\\$b"', "'it''s'", '|', '||', '|&', 'a|b', '"unclosed', "'unclosed", '"a|b"', '\'a"b\'', 'docker', 'ps', '-a', 'ip', 'route', 'network', 'ls', 'b1', '--name', 'web', '-p', '8080:80', 'nginx:alpine', 'x=1', '10.0.0.1/24', 'a,b', 'user@host', '50%', 'c++', '-', '--', './run.sh', '/usr/bin/env', 'fi', 'then', 'if', 'done', '{', '!', 'case', 'in', 'esac', 'function', '[[', 'time'];
const BLANKS = [' ', '  ', '\t', ' \t '];

function* lines(seed: number): Generator<string> {
  let s = seed;
  const next = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  for (let i = 0; i < 3000; i++) {
    const n = 1 + next(5);
    let line = next(4) === 0 ? BLANKS[next(BLANKS.length)]! : '';
    for (let w = 0; w < n; w++) line += (w ? BLANKS[next(BLANKS.length)]! : '') + WORDS[next(WORDS.length)]!;
    if (next(3) === 0) line += BLANKS[next(BLANKS.length)]!;
    yield next(2) === 0 ? `${line}\n` : line;
  }
}

describe('the quick path for plain one-command lines (engine/shell/syntax/quick.ts)', () => {
  it('gives the same tree as the full parser whenever it answers, and answers for plain commands', () => {
    let answered = 0;
    for (const line of lines(42)) {
      const quick = quickParse(line);
      if (!quick) continue;
      answered++;
      for (const shell of ['bash', 'dash', 'busybox', 'zsh'] as const) expect(quick, `${JSON.stringify(line)} in ${shell}`).toEqual(fullParse(line, shell));
    }
    expect(answered).toBeGreaterThan(500);
  });

  it('leaves reserved words, assignments, quotes, expansions, operators and comments to the parser', () => {
    for (const line of ['if true', 'fi', 'x=1 env', '! true', '{ echo; }', 'echo "a\\$b"', 'echo "a\\\\"', 'echo $HOME', 'echo a; echo b', 'echo a && b', 'echo a # c', 'ls *', 'ls ~', 'echo a > f', 'function f', '[[ -n x ]]', '(ls)', 'echo a\\ b', 'echo `ls`', 'echo héllo', 'echo a\r', '', '   ']) {
      expect(quickParse(`${line}\n`), line).toBeNull();
      expect(quickParse(line), line).toBeNull();
    }
  });

  it('answers for the commands learners type most', () => {
    for (const line of ['echo hello | grep h', 'docker ps -a --format "table {{.Names}}\\t{{.Status}}"', "docker exec web sh -c 'echo hi'", 'docker network ls', 'ip a', 'docker run -dit --name b1 --network benchnet alpine', 'curl -s localhost:8080', 'docker exec b1 ping -c 1 b2', 'iptables -t nat -L -n']) {
      expect(quickParse(`${line}\n`), line).not.toBeNull();
    }
  });
});
