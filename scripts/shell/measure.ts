/**
 * Times the shell interpreter on loops (prints, never asserts): wall and CPU milliseconds, min and
 * median of 9 runs. CPU time is the steadier figure on a shared machine.
 *
 *   npx tsx scripts/shell/measure.ts
 */
import { sh } from '../../engine/shell/interp/testkit';

const SCRIPTS = [
  'i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done',
  'i=0; while [ $i -lt 1000 ]; do i=$((i+1)); echo $i; done >/dev/null',
  'i=0; while [ $i -lt 10000 ]; do i=$((i+1)); done',
];

for (const script of SCRIPTS) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await sh(script);
    const d = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  console.log(`${script}\n  wall min ${f(wall[0]!)} median ${f(wall[4]!)} ms; cpu min ${f(cpu[0]!)} median ${f(cpu[4]!)} ms`);
}
