import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The layer rules of .dependency-cruiser.cjs, run on a tiny tree that breaks them. */
const root = process.cwd();
const dir = mkdtempSync(path.join(tmpdir(), 'docknet-deps-'));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

function cruise(): { code: number; out: string } {
  try {
    const out = execFileSync(path.join(root, 'node_modules/.bin/depcruise'), ['engine', 'lib', '--config', path.join(root, '.dependency-cruiser.cjs')], { cwd: dir, encoding: 'utf8' });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the dependency rules', () => {
  it('pass a tree whose imports point down', () => {
    write('tsconfig.json', '{"compilerOptions":{"module":"esnext","moduleResolution":"bundler"}}');
    write('engine/util/a.ts', 'export const a = 1;\n');
    write('engine/kernel/k.ts', "import { a } from '../util/a';\nexport const k = a;\n");
    write('engine/index.ts', "import { k } from './kernel/k';\nexport const x = k;\n");
    write('lib/ui.ts', "import { x } from '../engine/index';\nexport const y = x;\n");
    expect(cruise()).toMatchObject({ code: 0 });
  });

  it('fail on an upward import, a cycle, and the UI reaching past engine/index.ts', () => {
    write('engine/kernel/up.ts', "import { s } from '../shell/s';\nexport const u = s;\n");
    write('engine/shell/s.ts', "export const s = 1;\n");
    write('engine/util/b.ts', "import { c } from './c';\nexport const b = c;\n");
    write('engine/util/c.ts', "import { b } from './b';\nexport const c = () => b;\n");
    write('lib/deep.ts', "import { k } from '../engine/kernel/k';\nexport const z = k;\n");
    const r = cruise();
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('kernel-below-apps: engine/kernel/up.ts');
    expect(r.out).toMatch(/no-circular: engine\/util\/[bc]\.ts/);
    expect(r.out).toContain('ui-through-the-public-face: lib/deep.ts');
  });

  it('keep engine/api.ts and the WorldSpec it reads leaves', () => {
    write('engine/world/spec.ts', "import { k } from '../kernel/k';\nexport type WorldSpecInput = typeof k;\n");
    write('engine/api.ts', "import type { WorldSpecInput } from './world/spec';\nimport type { k } from './kernel/k';\nexport type LabOptions = { world?: WorldSpecInput; k?: typeof k };\n");
    const r = cruise();
    expect(r.out).toContain('world-spec-is-a-leaf: engine/world/spec.ts → engine/kernel/k.ts');
    expect(r.out).toContain('api-imports-only-the-world-spec: engine/api.ts → engine/kernel/k.ts');
    expect(r.out).not.toContain('api-imports-only-the-world-spec: engine/api.ts → engine/world/spec.ts');
  });
});
