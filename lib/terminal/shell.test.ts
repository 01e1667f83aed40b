import { describe, expect, it } from 'vitest';
import type { Completion, RunIO, RunResult, Session } from '@/engine';
import { CommandHistory, HISTORY_LINE_LIMIT } from './history';
import { stripC1 } from './sanitize';
import { InteractiveShell, type TerminalSink } from './shell';

/**
 * A tiny VT screen: enough of xterm's behaviour (autowrap with a pending-wrap state, CR, LF, BS,
 * CUU, CUF, ED, SGR ignored) to check what the learner would see after the shell's redraws.
 */
class Screen implements TerminalSink {
  rows: string[][] = [[]];
  x = 0;
  y = 0;
  pendingWrap = false;
  constructor(public cols = 40) {}

  clearScreen(): void {
    this.rows = [[]];
    this.x = 0;
    this.y = 0;
    this.pendingWrap = false;
  }

  private row(y: number): string[] {
    while (this.rows.length <= y) this.rows.push([]);
    return this.rows[y] as string[];
  }

  write(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i] as string;
      if (ch === '\x1b') {
        const match = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(data.slice(i));
        if (!match) throw new Error(`unsupported escape at ${JSON.stringify(data.slice(i, i + 8))}`);
        const n = Number(match[1] || '1');
        switch (match[2]) {
          case 'A':
            this.y = Math.max(0, this.y - n);
            break;
          case 'C':
            this.x = Math.min(this.cols - 1, this.x + n);
            break;
          case 'J':
            this.row(this.y).length = this.x;
            this.rows.length = this.y + 1;
            break;
          case 'H':
            this.x = 0;
            this.y = 0;
            break;
          case 'm':
            break;
          default:
            throw new Error(`unsupported CSI ${match[0]}`);
        }
        this.pendingWrap = false;
        i += match[0].length;
        continue;
      }
      if (ch === '\r') {
        this.x = 0;
        this.pendingWrap = false;
      } else if (ch === '\n') {
        this.y++;
        this.row(this.y);
        this.pendingWrap = false;
      } else if (ch === '\b') {
        if (this.pendingWrap) this.pendingWrap = false;
        else this.x = Math.max(0, this.x - 1);
      } else if (ch === '\x07') {
        // bell
      } else {
        if (this.pendingWrap) {
          this.y++;
          this.x = 0;
          this.pendingWrap = false;
        }
        const row = this.row(this.y);
        while (row.length < this.x) row.push(' ');
        row[this.x] = ch;
        if (this.x === this.cols - 1) this.pendingWrap = true;
        else this.x++;
      }
      i++;
    }
  }

  lines(): string[] {
    return this.rows.map((r) => r.join('').trimEnd());
  }

  text(): string {
    return this.lines().join('\n').trimEnd();
  }
}

type Handler = (line: string, io: RunIO) => Promise<RunResult>;

function result(output: string, exitCode = 0): RunResult {
  return { exitCode, output, clear: false };
}

class FakeSession implements Session {
  readonly id = 's1';
  ran: string[] = [];
  where = 'host1';
  inside: string | null = null;
  handlers = new Map<string, Handler>();
  completions = new Map<string, Completion>();

  prompt(): string {
    return this.inside ? '/ # ' : `root@${this.where}:~# `;
  }
  host(): string {
    return this.where;
  }
  container(): string | null {
    return this.inside;
  }
  history(): readonly string[] {
    return this.ran;
  }
  complete(line: string, cursor = line.length): Completion {
    return this.completions.get(line.slice(0, cursor)) ?? { candidates: [], start: cursor };
  }
  place(): unknown {
    return { where: this.where, inside: this.inside };
  }
  detach(): string | null {
    if (!this.inside) return null;
    this.inside = null;
    return 'read escape sequence\n';
  }
  async run(line: string, io: RunIO = {}): Promise<RunResult> {
    this.ran.push(line);
    const handler = this.handlers.get(line.split(' ')[0] as string);
    if (handler) return handler(line, io);
    const out = `ran: ${line}\n`;
    io.onOutput?.(out, 'stdout');
    return result(out);
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(cols = 40) {
  const screen = new Screen(cols);
  const session = new FakeSession();
  const shell = new InteractiveShell(screen);
  shell.attach(session);
  return { screen, session, shell };
}

describe('InteractiveShell', () => {
  it('Ctrl-P Ctrl-Q in a container detaches (Docker\'s keys); Ctrl-P alone on the host is history-up', async () => {
    const { screen, session, shell } = setup(60);
    session.inside = 'c1';
    shell.input('\x10\x11');
    await tick();
    expect(session.inside).toBeNull();
    expect(screen.text()).toContain('read escape sequence');
    expect(screen.text().split('\n').pop()?.trimEnd()).toBe('root@host1:~#');
    shell.input('echo one\r');
    await tick();
    shell.input('\x10');
    expect(screen.text().split('\n').pop()).toBe('root@host1:~# echo one');
  });

  it('prints a prompt, echoes typing and runs the line on Enter', async () => {
    const { screen, session, shell } = setup();
    shell.input('docker ps');
    expect(screen.text()).toBe('root@host1:~# docker ps');
    shell.input('\r');
    await tick();
    expect(session.ran).toEqual(['docker ps']);
    expect(screen.lines()).toEqual(['root@host1:~# docker ps', 'ran: docker ps', 'root@host1:~#']);
  });

  it('edits in the middle of the line: left, insert, Home, End, Delete, Backspace', async () => {
    const { screen, session, shell } = setup();
    shell.input('docker p');
    shell.input('\x1b[D\x1b[D'); // left twice: cursor before " p"
    shell.input('X');
    expect(screen.text()).toBe('root@host1:~# dockerX p');
    shell.input('\x7f'); // backspace removes X
    shell.input('\x01'); // Ctrl-A
    shell.input('sudo ');
    shell.input('\x05s'); // Ctrl-E then s
    shell.input('\x01\x1b[3~\x1b[3~\x1b[3~\x1b[3~\x1b[3~'); // delete "sudo "
    expect(screen.text()).toBe('root@host1:~# docker ps');
    shell.input('\r');
    await tick();
    expect(session.ran).toEqual(['docker ps']);
  });

  it('kills words and line parts with Ctrl-W, Ctrl-U and Ctrl-K', async () => {
    const { screen, shell } = setup();
    shell.input('docker network ls');
    shell.input('\x17');
    expect(screen.text()).toBe('root@host1:~# docker network');
    shell.input('\x1b[D\x1b[D\x0b');
    expect(screen.text()).toBe('root@host1:~# docker networ');
    shell.input('\x15');
    expect(screen.text()).toBe('root@host1:~#');
  });

  it('redraws a line that wraps past the terminal width', async () => {
    const { screen, session, shell } = setup(20);
    const long = 'docker run -d --name web -p 8080:80 nginx';
    shell.input(long);
    shell.input('\x01'); // Home: cursor back on the first row
    shell.input('X');
    shell.input('\x05'); // End
    shell.input('\x7f'); // remove the last "x"
    const shown = screen.rows.map((r) => r.join('')).join('').trimEnd();
    expect(shown).toBe(`root@host1:~# X${long.slice(0, -1)}`);
    shell.input('\x01\x1b[3~\x05x\r');
    await tick();
    expect(session.ran).toEqual([long]);
  });

  it('walks the history with up and down and keeps the draft', async () => {
    const { screen, shell } = setup();
    shell.input('one\r');
    await tick();
    shell.input('two\r');
    await tick();
    shell.input('dra');
    shell.input('\x1b[A');
    expect(screen.lines().at(-1)).toBe('root@host1:~# two');
    shell.input('\x1b[A');
    expect(screen.lines().at(-1)).toBe('root@host1:~# one');
    shell.input('\x1b[B\x1b[B');
    expect(screen.lines().at(-1)).toBe('root@host1:~# dra');
    expect(shell.historyEntries()).toEqual(['one', 'two']);
  });

  it('runs pasted lines in order and queues keys typed while a command runs', async () => {
    const { session, shell } = setup();
    let release: () => void = () => undefined;
    session.handlers.set('slow', (_line, io) => {
      io.onOutput?.('working\n', 'stdout');
      return new Promise((resolve) => {
        release = () => resolve(result('working\n'));
      });
    });
    shell.input('slow\recho a\recho b\r');
    await tick();
    expect(session.ran).toEqual(['slow']);
    expect(shell.state).toBe('running');
    shell.input('echo c\r');
    release();
    await tick();
    await tick();
    expect(session.ran).toEqual(['slow', 'echo a', 'echo b', 'echo c']);
    expect(shell.state).toBe('idle');
  });

  it('Ctrl-C aborts a running command through its signal and drops typeahead', async () => {
    const { screen, session, shell } = setup();
    session.handlers.set('ping', (_line, io) => {
      io.onOutput?.('PING 8.8.8.8 (8.8.8.8): 56 data bytes\n', 'stdout');
      return new Promise((resolve) => {
        io.signal?.addEventListener('abort', () => {
          io.onOutput?.('^C\n', 'stdout');
          resolve(result('', 130));
        });
      });
    });
    shell.input('ping 8.8.8.8\r');
    await tick();
    shell.input('ls\r');
    shell.input('\x03');
    await tick();
    expect(session.ran).toEqual(['ping 8.8.8.8']);
    expect(screen.lines().slice(-2)).toEqual(['^C', 'root@host1:~#']);
    expect(shell.state).toBe('idle');
  });

  it('Ctrl-C at the prompt abandons the line like bash', () => {
    const { screen, session, shell } = setup();
    shell.input('docker rm -f web');
    shell.input('\x03');
    expect(screen.lines()).toEqual(['root@host1:~# docker rm -f web^C', 'root@host1:~#']);
    expect(session.ran).toEqual([]);
  });

  it('completes a single candidate and lists several like bash', () => {
    const { screen, session, shell } = setup();
    session.completions.set('docker netw', { candidates: ['network'], start: 7 });
    session.completions.set('docker network ', { candidates: ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm'], start: 15 });
    session.completions.set('docker network c', { candidates: ['connect', 'create'], start: 15 });
    session.completions.set('docker network co', { candidates: ['connect'], start: 15 });
    shell.input('docker netw\t');
    expect(screen.lines().at(-1)).toBe('root@host1:~# docker network');
    shell.input('\t');
    expect(screen.lines()).toEqual([
      'root@host1:~# docker network',
      'connect     inspect     rm',
      'create      ls',
      'disconnect  prune',
      'root@host1:~# docker network',
    ]);
    shell.input('c\t');
    expect(screen.lines().slice(-2)).toEqual(['connect  create', 'root@host1:~# docker network c']);
    shell.input('o\t');
    expect(screen.lines().at(-1)).toBe('root@host1:~# docker network connect');
  });

  it('answers an interactive question with the next line typed', async () => {
    const { screen, session, shell } = setup(60);
    session.handlers.set('prune', async (_line, io) => {
      const answer = await io.readLine?.('WARNING! This will remove all custom networks.\nAre you sure you want to continue? [y/N] ');
      const out = answer === 'y' ? 'Deleted Networks:\nmynet\n' : '';
      io.onOutput?.(out, 'stdout');
      return result(out);
    });
    shell.input('prune\r');
    await tick();
    expect(screen.lines().at(-1)).toBe('Are you sure you want to continue? [y/N]');
    shell.input('y\r');
    await tick();
    expect(screen.lines().slice(-3)).toEqual(['Deleted Networks:', 'mynet', 'root@host1:~#']);
    expect(shell.historyEntries()).toEqual(['prune']);
  });

  it('runs Run-button lines after anything queued and gives back a half-typed line', async () => {
    const { screen, session, shell } = setup();
    shell.input('half');
    expect(await shell.runLines(['docker network ls', 'docker ps'])).toBe(true);
    expect(session.ran).toEqual(['docker network ls', 'docker ps']);
    expect(screen.lines().at(-1)).toBe('root@host1:~# half');
  });

  it('a Run queued behind a command that Ctrl-C stops is reported as not run, never as done', async () => {
    const { session, shell } = setup();
    session.handlers.set('ping', (_line, io) => new Promise((resolve) => io.signal?.addEventListener('abort', () => resolve(result('', 130)))));
    shell.input('ping 8.8.8.8\r');
    await tick();
    const queued = shell.runLines(['docker ps', 'docker network ls']);
    expect(shell.queued).toBe(2);
    shell.input('\x03');
    expect(await queued).toBe(false);
    expect(session.ran).toEqual(['ping 8.8.8.8']);
  });

  it('Ctrl-D on an empty line inside a container runs exit', async () => {
    const { session, shell } = setup();
    session.inside = 'c1';
    shell.input('\x04');
    await tick();
    expect(session.ran).toEqual(['exit']);
  });

  it('keeps a transcript of committed lines and output, without editing noise', async () => {
    const { shell } = setup();
    shell.input('ab\x7fc\r');
    await tick();
    const transcript = shell.transcript.toString().replace(/\x1b\[[0-9;]*m/g, '');
    expect(transcript).toBe('root@host1:~# ac\r\nran: ac\r\n');
  });

  it('restores a transcript and a banner before the first prompt', () => {
    const screen = new Screen(40);
    const shell = new InteractiveShell(screen);
    shell.attach(new FakeSession(), { transcript: 'old line\r\n', banner: 'restored', history: ['docker ps'] });
    expect(screen.lines()).toEqual(['old line', 'restored', 'root@host1:~#']);
    shell.input('\x1b[A');
    expect(screen.lines().at(-1)).toBe('root@host1:~# docker ps');
  });
});

describe('Ctrl-R reverse search', () => {
  it('finds older commands as the query grows, runs the match on Enter', async () => {
    const { screen, session, shell } = setup(60);
    for (const line of ['docker network ls', 'docker ps -a', 'ip a']) {
      shell.input(`${line}\r`);
      await tick();
    }
    shell.input('\x12net');
    expect(screen.lines().at(-1)).toBe("(reverse-i-search)`net': docker network ls");
    shell.input('\r');
    await tick();
    expect(session.ran.at(-1)).toBe('docker network ls');
  });

  it('steps to older matches with Ctrl-R again, reports a failed search, cancels with Ctrl-C', async () => {
    const { screen, shell } = setup(60);
    for (const line of ['docker ps', 'docker ps -a']) {
      shell.input(`${line}\r`);
      await tick();
    }
    shell.input('draft');
    shell.input('\x12ps');
    expect(screen.lines().at(-1)).toBe("(reverse-i-search)`ps': docker ps -a");
    shell.input('\x12');
    expect(screen.lines().at(-1)).toBe("(reverse-i-search)`ps': docker ps");
    shell.input('zz');
    expect(screen.lines().at(-1)).toBe("(failed reverse-i-search)`pszz': docker ps");
    shell.input('\x03');
    expect(screen.lines().at(-1)).toBe('root@host1:~# draft');
  });

  it('Escape or an arrow key puts the match on the prompt for editing', async () => {
    const { screen, shell } = setup(60);
    shell.input('docker inspect web\r');
    await tick();
    shell.input('\x12insp\x1b');
    expect(screen.lines().at(-1)).toBe('root@host1:~# docker inspect web');
    shell.input('\x05 -f x');
    expect(screen.lines().at(-1)).toBe('root@host1:~# docker inspect web -f x');
  });
});

describe('8-bit controls never reach the engine or xterm (issue 13, finding 8)', () => {
  const C1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('');

  /** Everything the shell wrote to xterm, as one string. */
  function recording(screen: Screen): () => string {
    let written = '';
    const write = screen.write.bind(screen);
    screen.write = (data: string) => {
      written += data;
      write(data);
    };
    return () => written;
  }

  it('stripC1 removes U+0080–U+009F and nothing else', () => {
    expect(stripC1(`a${C1}b`)).toBe('ab');
    expect(stripC1('\x1b[31m\x7f\u00a0é€\u{1F600}')).toBe('\x1b[31m\x7f\u00a0é€\u{1F600}');
  });

  it('typed: a CSI (U+009B) and an OSC (U+009D) are dropped from the line, its echo and the run', async () => {
    const { screen, session, shell } = setup(80);
    const written = recording(screen);
    for (const ch of 'echo \u009b31mred\u009d0;title\u0007 x') shell.input(ch);
    shell.input('\r');
    await tick();
    expect(session.ran).toEqual(['echo 31mred0;title x']);
    expect(written()).not.toMatch(/[\u0080-\u009f]/);
    expect(shell.historyEntries()).toEqual(['echo 31mred0;title x']);
  });

  it('pasted: every C1 character is dropped from each pasted line', async () => {
    const { screen, session, shell } = setup(80);
    const written = recording(screen);
    shell.input(`echo one${C1}\recho \u0085two\r`);
    await tick();
    await tick();
    expect(session.ran).toEqual(['echo one', 'echo two']);
    expect(written()).not.toMatch(/[\u0080-\u009f]/);
  });

  it('a Run button line is cleaned the same way', async () => {
    const { session, shell } = setup(80);
    await shell.runLines(['docker\u009b ps']);
    expect(session.ran).toEqual(['docker ps']);
  });
});

describe('history line length', () => {
  it('a line longer than 4096 characters runs, is not kept in history, and the terminal says so', async () => {
    const { screen, session, shell } = setup(80);
    const long = `echo ${'a'.repeat(HISTORY_LINE_LIMIT)}`;
    shell.input(`${long}\r`);
    await tick();
    expect(session.ran).toEqual([long]);
    expect(shell.historyEntries()).toEqual([]);
    expect(screen.text()).toContain(`(not kept in history: the line is longer than ${HISTORY_LINE_LIMIT} characters)`);
    shell.input('echo short\r');
    await tick();
    expect(shell.historyEntries()).toEqual(['echo short']);
  });

  it('over-long lines in a saved history are left out when it is loaded', () => {
    const history = new CommandHistory(['ls', 'x'.repeat(HISTORY_LINE_LIMIT + 1), 'pwd']);
    expect(history.list()).toEqual(['ls', 'pwd']);
  });
});

describe('a command over several lines (continuation prompt)', () => {
  /** Like the engine: with `continuation`, a `for` without `done` is incomplete and runs nothing. */
  function continuing(session: FakeSession): RunIO[] {
    const seen: RunIO[] = [];
    session.handlers.set('for', async (line, io) => {
      seen.push(io);
      if (io.continuation && !/\ndone$/.test(line)) return { ...result(''), incomplete: true };
      const out = io.continuation ? 'a\nb\n' : 'bash: syntax error: unexpected end of file\n';
      io.onOutput?.(out, io.continuation ? 'stdout' : 'stderr');
      return result(out, io.continuation ? 0 : 2);
    });
    return seen;
  }

  it('shows "> " until the command is complete, runs it once whole, and keeps one history line', async () => {
    const { screen, session, shell } = setup(60);
    const seen = continuing(session);
    shell.input('for i in a b; do\r');
    await tick();
    expect(screen.lines().at(-1)).toBe('>');
    shell.input('echo $i\r');
    await tick();
    expect(screen.lines().at(-1)).toBe('>');
    shell.input('done\r');
    await tick();
    expect(session.ran.at(-1)).toBe('for i in a b; do\necho $i\ndone');
    expect(seen.every((io) => io.continuation === true)).toBe(true);
    expect(screen.lines().slice(-5)).toEqual(['> echo $i', '> done', 'a', 'b', 'root@host1:~#']);
    expect(shell.historyEntries()).toEqual(['for i in a b; do echo $i; done']);
    shell.input('\x1b[A');
    expect(screen.lines().at(-1)).toBe('root@host1:~# for i in a b; do echo $i; done');
  });

  it('Ctrl-C at "> " drops the half-typed command; the next line runs alone', async () => {
    const { screen, session, shell } = setup(60);
    continuing(session);
    shell.input('for i in a b; do\r');
    await tick();
    shell.input('\x03');
    expect(screen.lines().at(-2)).toBe('> ^C');
    expect(screen.lines().at(-1)).toBe('root@host1:~#');
    shell.input('ls\r');
    await tick();
    expect(session.ran.at(-1)).toBe('ls');
    expect(shell.historyEntries()).toEqual(['ls']);
  });

  it('Ctrl-D at "> " ends the input: the shell prints its end-of-file error', async () => {
    const { screen, session, shell } = setup(60);
    const seen = continuing(session);
    shell.input('for i in a b; do\r');
    await tick();
    shell.input('\x04');
    await tick();
    expect(seen.at(-1)?.continuation).toBe(false);
    expect(screen.text()).toContain('bash: syntax error: unexpected end of file');
    expect(screen.lines().at(-1)).toBe('root@host1:~#');
  });
});
