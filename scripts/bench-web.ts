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
 * - studioReadyMs: median time from navigation start to a Monaco editor that takes input on
 *   /studio/ (the `docknet:studio-ready` mark, set when the editor mounts), cold cache. Target < 2.5 s.
 * - studioPreviewLatencyMs: median time from a keystroke in lesson.mdx to the preview showing it
 *   (the studio waits for a pause of 200 ms, parses, compiles the MDX and renders). Target < 500 ms.
 *
 * Used by scripts/bench.ts (`npm run bench`); runnable alone: `npx tsx scripts/bench-web.ts`.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { startStaticServer } from '../e2e/static-server';

const OUT = path.resolve(process.cwd(), 'out');
const RUNS = 5;

export interface WebFigures {
  lessonFirstLoadJsGzipKiB: number;
  terminalReadyMs: number;
  baselineReadyMs: number;
  studioReadyMs: number;
  studioPreviewLatencyMs: number;
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

async function withFreshPage<T>(url: string, use: (page: Page) => Promise<T>): Promise<T> {
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
    return await use(page);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** One cold navigation in a fresh profile; returns the mark's time from navigation start. */
async function timeToMark(url: string, mark: string): Promise<number> {
  return withFreshPage(url, async (page) => {
    const handle = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime ?? null, mark, { timeout: 60_000 });
    return Number(await handle.jsonValue());
  });
}

/** Types into lesson.mdx several times; for each, the time until the preview reflects that edit. */
async function previewLatencies(url: string, samples: number): Promise<number[]> {
  return withFreshPage(url, async (page) => {
    await page.waitForFunction(() => window.__docknetStudio?.editor ?? null, null, { timeout: 60_000 });
    // Let the first analysis and the lab settle.
    await page.waitForFunction(() => (window.__docknetStudio?.previewAt?.version ?? 0) > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.evaluate(() => window.__docknetStudio?.editor?.focus());
    await page.keyboard.press('Control+End');
    const out: number[] = [];
    for (let i = 0; i < samples; i++) {
      await page.keyboard.type(`\nEdit number ${i}.\n`);
      const handle = await page.waitForFunction(
        () => {
          const s = window.__docknetStudio;
          return s?.previewAt && s.previewAt.editAt === s.lastEditAt ? s.previewAt.at - s.lastEditAt : null;
        },
        null,
        { timeout: 30_000 },
      );
      out.push(Number(await handle.jsonValue()));
      await page.waitForTimeout(300);
    }
    return out;
  });
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
    const studio: number[] = [];
    await timeToMark(`${server.url}/studio/`, 'docknet:studio-ready');
    for (let i = 0; i < 3; i++) studio.push(await timeToMark(`${server.url}/studio/`, 'docknet:studio-ready'));
    const latencies = await previewLatencies(`${server.url}/studio/`, 7);
    return {
      lessonFirstLoadJsGzipKiB,
      terminalReadyMs: Math.round(median(terminal)),
      baselineReadyMs: Math.round(median(baseline)),
      studioReadyMs: Math.round(median(studio)),
      studioPreviewLatencyMs: Math.round(median(latencies)),
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
