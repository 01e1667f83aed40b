/**
 * The shell on lab time (issue 7 item 7, issue 13 finding 3): a detached container's loop runs forever
 * on lab time and `docker logs` shows it; a busy loop in the background cannot hold the scheduler;
 * a loop at the terminal yields real event-loop turns so Ctrl-C stops it and timers keep firing.
 */
import { describe, expect, it } from 'vitest';
import { createLab, restoreLab, type Session } from '../index';

async function out(s: Session, line: string): Promise<string> {
  return (await s.run(line)).output;
}

/** Seconds of the day from `date`'s "Fri Nov 20 09:00:06 UTC 2026". */
function seconds(dateLine: string): number {
  const m = /(\d\d):(\d\d):(\d\d) UTC/.exec(dateLine);
  if (!m) throw new Error(`not a date line: ${dateLine}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

function logLines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

const CLOCK = `docker run -d --name clock alpine sh -c 'while true; do date; sleep 5; done'`;

describe('a detached container runs its shell loop on lab time', () => {
  it('while true; do date; sleep 5; done: docker logs shows a line every 5 s, for as long as the lab runs', async () => {
    const s = createLab().openSession();
    await s.run(CLOCK);
    expect(logLines(await out(s, 'docker logs clock'))).toHaveLength(1);
    await s.run('sleep 20');
    const first = logLines(await out(s, 'docker logs clock'));
    expect(first).toHaveLength(5);
    const times = first.map(seconds);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([5, 5, 5, 5]);
    // An hour of lab time later it is still going, still every 5 s.
    for (let i = 0; i < 6; i++) await s.run('sleep 600');
    const later = logLines(await out(s, 'docker logs clock'));
    expect(later.length).toBeGreaterThan(700);
    const tail = later.slice(-3).map(seconds);
    expect([tail[1]! - tail[0]!, tail[2]! - tail[1]!]).toEqual([5, 5]);
    expect(await out(s, "docker ps --format '{{.Names}} {{.State}}'")).toBe('clock running\n');
  });

  it('docker restart starts the loop again; docker stop ends it and the log stops growing', async () => {
    const s = createLab().openSession();
    await s.run(CLOCK);
    await s.run('sleep 10');
    const before = logLines(await out(s, 'docker logs clock')).length;
    expect(await out(s, 'docker restart clock')).toBe('clock\n');
    await s.run('sleep 10');
    const after = logLines(await out(s, 'docker logs clock')).length;
    expect(after).toBeGreaterThan(before + 1);
    await s.run('docker stop clock');
    const stopped = await out(s, 'docker logs clock');
    await s.run('sleep 30');
    expect(await out(s, 'docker logs clock')).toBe(stopped);
  });

  it('a restored lab runs the loop again from the saved state', async () => {
    const lab = createLab();
    const s = lab.openSession();
    await s.run(CLOCK);
    await s.run('sleep 10');
    const saved = logLines(await out(s, 'docker logs clock'));
    const restored = await restoreLab(JSON.parse(JSON.stringify(lab.snapshot())));
    if (!restored.ok) throw new Error(restored.error);
    const s2 = restored.lab.openSession();
    await s2.run('sleep 10');
    const now = logLines(await out(s2, 'docker logs clock'));
    expect(now.slice(0, saved.length)).toEqual(saved);
    expect(now.length).toBeGreaterThan(saved.length + 1);
  });

  it('a restart policy brings a failing loop back, each run on lab time', async () => {
    const s = createLab().openSession();
    await s.run(`docker run -d --name flaky --restart always alpine sh -c 'for i in 1 2; do echo run $i; sleep 1; done; exit 1'`);
    await s.run('sleep 30');
    const log = logLines(await out(s, 'docker logs flaky'));
    expect(log.slice(0, 4)).toEqual(['run 1', 'run 2', 'run 1', 'run 2']);
    expect(Number((await out(s, "docker inspect -f '{{.RestartCount}}' flaky")).trim())).toBeGreaterThan(1);
  });
});

describe('a busy loop in the background cannot hold the lab', () => {
  it('while true; do :; done in a detached container: the terminal goes on and lab time moves', async () => {
    const s = createLab().openSession();
    await s.run(`docker run -d --name busy alpine sh -c 'while true; do :; done'`);
    expect(await s.run('sleep 30')).toMatchObject({ exitCode: 0, output: '' });
    expect(await out(s, "docker ps --format '{{.Names}} {{.Status}}'")).toMatch(/^busy Up 3\d seconds\n$/);
    expect(await s.run('docker stop busy')).toMatchObject({ exitCode: 0, output: 'busy\n' });
    expect(await out(s, "docker ps -a --format '{{.Names}} {{.State}}'")).toBe('busy exited\n');
  });

  it('an endless echo loop fills its log only as lab time passes, and stops with the container', async () => {
    const s = createLab().openSession();
    await s.run(`docker run -d --name spam alpine sh -c 'i=0; while true; do i=$((i+1)); echo $i; done'`);
    const a = logLines(await out(s, 'docker logs spam')).length;
    await s.run('sleep 1');
    const b = logLines(await out(s, 'docker logs spam')).length;
    expect(b).toBeGreaterThan(a);
    await s.run('docker rm -f spam');
    expect(await s.run('docker logs spam')).toMatchObject({ exitCode: 1, output: 'Error response from daemon: No such container: spam\n' });
  });
});

describe('a loop at the terminal', () => {
  it('Ctrl-C from a timer stops while true; do :; done within 200 ms, and timers run meanwhile', async () => {
    const s = createLab({ pacing: 'realtime' }).openSession();
    const ctl = new AbortController();
    let ticks = 0;
    const interval = setInterval(() => ticks++, 5);
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      ctl.abort();
    }, 150);
    const r = await s.run('while true; do :; done', { signal: ctl.signal });
    const latency = performance.now() - abortedAt;
    clearInterval(interval);
    expect(r.exitCode).toBe(130);
    expect(latency).toBeLessThan(200);
    // The page kept breathing: the interval fired while the loop ran (a loop that only awaited
    // microtasks would let neither it nor the Ctrl-C timer run, and this test would never end).
    expect(ticks).toBeGreaterThan(1);
    expect(await out(s, 'echo $?')).toBe('130\n');
  });

  it('a job started with & sleeps on lab time; wait lets the clock run until it ends', async () => {
    const s = createLab().openSession();
    const r = await s.run('date; (sleep 5; echo job done) & wait; date');
    const [first, jobLine, last] = logLines(r.output).filter((l) => !/^\[\d+\] \d+$/.test(l));
    expect(jobLine).toBe('job done');
    expect(seconds(last!) - seconds(first!)).toBe(5);
  });
});
