/**
 * Differential check of the lab's grep and sed against the GNU grep and sed of this machine
 * (prints, never asserts; not part of npm test):  npx tsx scripts/shell/text-diff.ts
 */
import { execFileSync } from 'node:child_process';
import { createLab } from '../../engine/index';

const grepInput = ['abc', 'aXbc', 'a{1}b', 'x*y', 'foo bar', 'hello world', 'a.b', 'a+b', 'abab', '(x)', 'tab\there', '127.0.0.1 localhost', 'AbC', 'a|b', 'ab$c', '^x', ''].join('\n') + '\n';
const grepCases: string[][] = [
  ['a.c'], ['-E', 'a|X'], ['a|b'], ['a\\|X'], ['-E', '(ab)+'], ['\\(ab\\)\\{2\\}'], ['-E', 'a{1}b'], ['a{1}b'], ['-E', '^a'], ['b$'], ['ab$c'], ['-E', 'ab\\$c'], ['^x'], ['\\^x'],
  ['-i', 'abc'], ['-w', 'foo'], ['-x', 'abab'], ['-o', '-E', '[a-c]+'], ['-c', 'a'], ['-v', 'a'], ['-F', 'a.b'], ['-E', '[[:space:]]'], ['[[:upper:]]'], ['-E', 'x*y'], ['x*y'], ['*y'],
  ['-E', 'a+b'], ['a+b'], ['a\\+b'], ['-oE', '[0-9]+(\\.[0-9]+){3}'], ['-E', '\\(x\\)'], ['(x)'], ['-E', 'a{,2}b'], ['-E', '[]a]'], ['[^a-z]'], ['-n', 'o'], ['-E', 'o{2}|l{2}'], ['\\<foo\\>'], ['-E', '\\bbar'], ['-o', '.'],
  ['-E', 'a**'], ['-E', '*a'], ['[a\\]'], ['-E', 'a|'], ['-E', '()'], ['\\.'], ['-e', 'foo', '-e', 'AbC'], ['-E', '(a|)+b'], ['-oE', 'b*'], ['-E', 'x{0}y'], ['-c', '-E', '^$'], ['-E', '[[:alpha:]-]+$'], ['-ow', '[a-z]*'], ['-E', 'a{1,2}{2}'],
];
const sedInput = ['abc', 'aXbc', 'hello world', 'foo bar baz', 'cccd', '127.0.0.1 localhost', 'x', ''].join('\n') + '\n';
const sedCases: string[][] = [
  ['s/a/A/'], ['s/a/A/g'], ['-n', '2p'], ['2,4d'], ['$d'], ['/hello/,/cccd/d'], ['-n', '/o/p'], ['s/o/0/2'], ['s/o/0/2g'], ['-E', 's/(\\w+) (\\w+)/\\2 \\1/'], ['s/\\(l\\+\\)/[\\1]/'],
  ['s/c*/R/g'], ['s/x*/-/g'], ['y/abc/ABC/'], ['2i\\\nnew'], ['2a added'], ['3q'], ['-n', '$='], ['='], ['2c changed'], ['2,3c changed'], ['/^$/d'], ['s/.*/[&]/'], ['-e', 's/a/1/', '-e', 's/b/2/'],
  ['s/a/b/;s/b/c/'], ['1!d'], ['2,3!d'], ['/abc/,+1d'], ['s|/|_|g'], ['-n', 's/o/O/p'], ['s/[[:digit:]]\\+/N/g'], ['s/\\./DOT/g'], ['-E', 's/(a|b)+/<&>/g'], ['s/l/L/3'], ['0~2d'],
  ['-n', '/foo/{p}'], ['k'], ['s/a/b'], ['s/a/b/z'], ['2,1p'], ['-n', '3,/o/p'], ['s/$/ END/'], ['s/^/> /'], ['s/b*$/Z/'],
];

async function compare(tool: 'grep' | 'sed', input: string, cases: string[][]): Promise<void> {
  const s = createLab().openSession();
  await s.run(`printf '${input.replace(/\n/g, '\\n').replace(/\t/g, '\\t')}' > /root/in`);
  let bad = 0;
  for (const c of cases) {
    let real: string;
    let err = '';
    let code = 0;
    try {
      real = execFileSync(tool, c, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      const x = e as { stdout: string; stderr: string; status: number };
      real = x.stdout;
      err = x.stderr;
      code = x.status;
    }
    const quoted = c.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    let out = '';
    let labErr = '';
    const r = await s.run(`${tool} ${quoted} /root/in`, {
      onOutput: (chunk, stream) => {
        if (stream === 'stdout') out += chunk;
        else labErr += chunk;
      },
    });
    if (out === real && r.exitCode === code && (code === 0 || labErr === err)) continue;
    bad++;
    console.log(`DIFF ${tool} ${quoted}\n  real ${JSON.stringify(real)} ${JSON.stringify(err)} ${code}\n  lab  ${JSON.stringify(out)} ${JSON.stringify(labErr)} ${r.exitCode}`);
  }
  console.log(`${tool}: ${cases.length - bad}/${cases.length} the same`);
}

await compare('grep', grepInput, grepCases);
await compare('sed', sedInput, sedCases);
