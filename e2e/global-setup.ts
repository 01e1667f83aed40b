/** Serves out/ for the whole browser-test run and hands its URL to the tests (inject('baseUrl')). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer, type StaticServer } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: StaticServer | null = null;

export async function setup(project: TestProject): Promise<void> {
  const out = path.resolve('out');
  if (!existsSync(path.join(out, 'index.html'))) {
    throw new Error('out/index.html is missing: run `npm run build` before `npm run test:e2e`.');
  }
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('Chromium is missing: `apt-get install -y chromium` (never `npx playwright install`).');
  }
  server = await startStaticServer(out);
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
  server = null;
}
