/**
 * `npm run lab -- --world FILE` and `--hosts a,b`: the console builds the world the file
 * describes, refuses a bad one with the field that is wrong, and exits 2 on usage errors.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLab, parseWorldSpec } from '../engine/index';

const dir = mkdtempSync(path.join(tmpdir(), 'docknet-lab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lab(args: string[], stdin: string): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/lab.ts', ...args], { input: stdin, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, out, err: '' };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout, err: x.stderr };
  }
}

describe('npm run lab -- --world', () => {
  it('builds the world of docs/worlds/two-segments.json', () => {
    const r = lab(['--world', 'docs/worlds/two-segments.json'], 'ping -c 1 host2\nssh router\nip route\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('root@host1:~# ping -c 1 host2\nPING host2 (10.10.0.11) 56(84) bytes of data.\n64 bytes from host2 (10.10.0.11): icmp_seq=1 ttl=63');
    expect(r.out).toContain('root@router:~# ip route\ndefault via 198.51.100.1 dev wan0\n10.10.0.0/24 dev eth1 proto kernel scope link src 10.10.0.1\n');
  });

  it('refuses a world with a bad field, naming it, exit 2', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ hosts: [{ name: 'host1', segment: 'dmz' }] }));
    const r = lab(['--world', file], '');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`lab: ${file} is not a valid world:\n  hosts[0].segment: no segment named "dmz" (segments: lan)\n`);
  });

  it('--hosts stays the shorthand; not together with --world', () => {
    expect(lab(['--hosts', 'a,b'], 'ssh b\nhostname\n').out).toContain('root@b:~# hostname\nb\n');
    expect(lab(['--hosts', 'a', '--world', 'x.json'], '')).toMatchObject({ code: 2, err: 'lab: give --hosts or --world, not both\n' });
  });
});

describe('docs/worlds/*.json', () => {
  it.each(readdirSync('docs/worlds'))('%s is a valid world that builds', (name) => {
    const json: unknown = JSON.parse(readFileSync(path.join('docs/worlds', name), 'utf8'));
    const r = parseWorldSpec(json);
    expect(r.ok ? 'ok' : r.error).toBe('ok');
    expect(() => createLab({ world: json as never })).not.toThrow();
  });
});

describe('npm run lab: a command over several lines', () => {
  it('shows each further line after "> " and runs the command once, whole; an unfinished last command is an error', () => {
    const r = lab([], 'for i in 1 2; do\necho $i\ndone\necho "a\nb"\nif true; then\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe('root@host1:~# for i in 1 2; do\n> echo $i\n> done\n1\n2\nroot@host1:~# echo "a\n> b"\na\nb\nroot@host1:~# if true; then\nbash: syntax error: unexpected end of file\n');
  });
});
