/**
 * Web figures of the static export (out/), measured in headless Chromium:
 *
 * - lessonFirstLoadJsGzipKiB: the JavaScript a lesson page loads up front, i.e. the files of its
 *   `<script src>` tags, gzipped (what a static host serves with compression on).
 * - terminalReadyMs: median time from navigation start to a terminal that takes input on a lesson
 *   page (the app's `docknet:terminal-ready` User Timing mark), cold cache, over several runs.
 * - baselineReadyMs: the same on the barest page of the app that has a terminal (/terminal/:
 *   the header and a terminal, no lesson text, no topology). The lesson page's figure over this
 *   one is the cost of everything a lesson adds around its terminal.
 *
 * Used by scripts/bench.ts (`npm run bench`); runnable alone: `npx tsx scripts/bench-web.ts`.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../e2e/static-server';

const OUT = path.resolve(process.cwd(), 'out');
const RUNS = 5;

export interface WebFigures {
  lessonFirstLoadJsGzipKiB: number;
  terminalReadyMs: number;
  baselineReadyMs: number;
}

async function firstLessonPath(): Promise<string> {
  const slugs = (await readdir(path.join(OUT, 'lessons'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const first = slugs[0];
  if (!first) throw new Error('out/lessons/ has no lesson: run `npm run build` first');
  return `/lessons/${first}/`;
}

async function firstLoadJsGzipKiB(pagePath: string): Promise<number> {
  const html = await readFile(path.join(OUT, pagePath, 'index.html'), 'utf8');
  const sources = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] as string));
  let bytes = 0;
  for (const src of sources) {
    const file = path.join(OUT, decodeURIComponent(new URL(src, 'http://x').pathname));
    bytes += gzipSync(await readFile(file)).length;
  }
  return Math.round((bytes / 1024) * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One cold navigation in a fresh profile; returns the mark's time from navigation start. */
async function timeToMark(url: string, mark: string): Promise<number> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'docknet-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const handle = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime ?? null, mark, { timeout: 60_000 });
    return Number(await handle.jsonValue());
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export async function runWebBench(): Promise<WebFigures> {
  const lesson = await firstLessonPath();
  const lessonFirstLoadJsGzipKiB = await firstLoadJsGzipKiB(lesson);
  const server = await startStaticServer(OUT);
  try {
    const terminal: number[] = [];
    const baseline: number[] = [];
    // One warm-up of each (the OS file cache, Chromium's first start), then alternate.
    await timeToMark(`${server.url}${lesson}`, 'docknet:terminal-ready');
    await timeToMark(`${server.url}/terminal/`, 'docknet:terminal-ready');
    for (let i = 0; i < RUNS; i++) {
      terminal.push(await timeToMark(`${server.url}${lesson}`, 'docknet:terminal-ready'));
      baseline.push(await timeToMark(`${server.url}/terminal/`, 'docknet:terminal-ready'));
    }
    return {
      lessonFirstLoadJsGzipKiB,
      terminalReadyMs: Math.round(median(terminal)),
      baselineReadyMs: Math.round(median(baseline)),
    };
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runWebBench().then(
    (figures) => {
      console.log(JSON.stringify(figures));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
