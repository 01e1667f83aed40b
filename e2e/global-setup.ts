/** Serves out/ for the whole browser-test run and hands its URL to the tests (inject('baseUrl')). */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer, type StaticServer } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the studio's save route writes during the browser tests (instead of content/). */
    studioContentRoot: string;
  }
}

let server: StaticServer | null = null;
let studioRoot = '';

export async function setup(project: TestProject): Promise<void> {
  const out = path.resolve('out');
  if (!existsSync(path.join(out, 'index.html'))) {
    throw new Error('out/index.html is missing: run `npm run build` before `npm run test:e2e`.');
  }
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('Chromium is missing: `apt-get install -y chromium` (never `npx playwright install`).');
  }
  studioRoot = await mkdtemp(path.join(os.tmpdir(), 'docknet-studio-content-'));
  server = await startStaticServer(out, { studioContentRoot: studioRoot });
  project.provide('baseUrl', server.url);
  project.provide('studioContentRoot', studioRoot);
}

export async function teardown(): Promise<void> {
  await server?.close();
  server = null;
  if (studioRoot) await rm(studioRoot, { recursive: true, force: true });
}
