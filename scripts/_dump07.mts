import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createLab } from '../engine/index';
import { parseRunCommands } from '../lib/content/run-commands';
import { runMetaHost } from '../lib/content/run-blocks';
const src = readFileSync('content/07-overlay-networks/lesson.mdx', 'utf8');
const [, front = '', body = ''] = src.split(/^---$/m);
const lab = (parse(front) as any).lab;
const world = lab.world ?? { hosts: lab.hosts };
const l = createLab({ world, seed: 7 });
const sessions = new Map<string, any>();
const fence = /^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm;
let i = 0;
for (const m of body.matchAll(fence)) {
  const meta = m[2] ?? '';
  if (m[1] === 'sh' && /(^|\s)run(\s|$)/.test(meta)) {
    const host = runMetaHost(meta) ?? l.hosts[0]!;
    let s = sessions.get(host); if (!s) sessions.set(host, (s = l.openSession(host)));
    for (const line of parseRunCommands(m[3] ?? '')) {
      let out = '';
      await s.run(line, { onOutput: (c: string) => (out += c) });
      console.log(`===== [${i}] ${host}$ ${line}\n${out}`);
    }
  } else if (m[1] === 'text') console.log(`----- TEXT [${i}]\n${m[3]}-----`);
  i++;
}
