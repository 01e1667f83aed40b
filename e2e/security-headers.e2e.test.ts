/**
 * Issue 13, finding 9: `npm start` serves the export with a CSP, nosniff, a referrer policy and
 * no framing. This starts `serve` exactly as `npm start` does (after its build step) and reads
 * the headers back from pages, scripts, the worker and a 404; then drives Chromium through a
 * lesson, the terminal, the topology worker and the playground under those headers and expects
 * no CSP violation. The README's recipes must carry the same values.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, launchBrowser, lessonSlugs, outputOf, typeCommand, waitForTerminalReady, type Browser } from './helpers';
import { headersFor, serveJsonRules } from './serve-headers';

const EXPECTED = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `serve <dir> --config <config>` as package.json's start script runs it; resolves once it answers. */
async function startServe(dir: string, config: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/serve/build/main.js', dir, '-l', `tcp://127.0.0.1:${port}`, '--no-clipboard', '--config', config], {
    env: { ...process.env, NO_UPDATE_CHECK: '1' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  // Node starts slowly on a busy machine: allow 30 s.
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(url);
      return { url, process: child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  child.kill();
  throw new Error('serve did not start');
}

function securityHeaders(response: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(EXPECTED).map((key) => [key, response.headers.get(key)]));
}

describe('npm start sends the security headers (serve.json)', () => {
  let served: { url: string; process: ChildProcess };
  let browser: Browser;
  let slug = '';

  beforeAll(async () => {
    // The start script runs `serve out --config ../serve.json`: the config path is relative to out/.
    const start = JSON.parse(await readFile('package.json', 'utf8')).scripts.start as string;
    expect(start).toMatch(/serve out .*--config \.\.\/serve\.json/);
    served = await startServe('out', '../serve.json');
    browser = await launchBrowser();
    [slug] = (await lessonSlugs()) as [string];
  });
  afterAll(async () => {
    served?.process.kill();
    await browser?.close();
  });

  it('on pages, scripts, the topology worker and a 404', async () => {
    const lessonHtml = await (await fetch(`${served.url}/lessons/${slug}/`)).text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(lessonHtml)?.[1];
    if (!script) throw new Error('the lesson page loads no script');
    const paths = ['/', `/lessons/${slug}/`, '/playground/', script, '/no-such-page/'];
    for (const urlPath of paths) {
      const response = await fetch(`${served.url}${urlPath}`);
      expect(response.status, urlPath).toBe(urlPath === '/no-such-page/' ? 404 : 200);
      expect(securityHeaders(response), urlPath).toEqual(EXPECTED);
    }
    // The browser tests' own server sends what serve sends.
    expect(headersFor(serveJsonRules(), 'lessons/x/index.html')).toEqual(EXPECTED);
  });

  it('the site works under them in Chromium: lesson, terminal, topology worker, playground', async () => {
    const page: Page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));

    await page.goto(`${served.url}/lessons/${slug}/`);
    await waitForTerminalReady(page);
    await typeCommand(page, 'docker run -d --name csp-web nginx');
    await typeCommand(page, 'docker ps');
    expect(await outputOf(page, 'docker ps')).toMatch(/\bcsp-web$/m);
    // The picture is laid out by elkjs in a Web Worker: the new container appears in it.
    await page.locator('svg.topology-svg text', { hasText: /^csp-web$/ }).first().waitFor(WAIT);
    expect(workers.length).toBeGreaterThan(0);

    await page.goto(`${served.url}/playground/`);
    await waitForTerminalReady(page);
    await typeCommand(page, 'docker network create csp-net');
    await page.locator('svg.topology-svg text', { hasText: /csp-net/ }).first().waitFor(WAIT);

    await page.goto(`${served.url}/`);
    await page.getByRole('link', { name: /Start the course|Continue/ }).first().waitFor(WAIT);
    expect(problems).toEqual([]);
  });

  it('no page can frame the site', async () => {
    const page = await browser.context.newPage();
    await page.setContent(`<iframe id="f" src="${served.url}/playground/"></iframe>`);
    const frame = await (await page.locator('#f').elementHandle())?.contentFrame();
    if (!frame) throw new Error('no frame');
    await frame.waitForLoadState();
    // Chromium shows its own error page in place of a framed page that refuses to be framed.
    expect(frame.url()).toMatch(/^chrome-error:/);
    await page.close();
  });

  it('the studio route has its own CSP (unsafe-eval for the MDX preview); every other page keeps the site-wide one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'docknet-serve-'));
    try {
      await mkdir(path.join(dir, 'studio'));
      await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>home</title>');
      await writeFile(path.join(dir, 'studio', 'index.html'), '<!doctype html><title>studio</title>');
      const studioCsp = `${EXPECTED['content-security-policy']}`.replace("script-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'");
      await writeFile(path.join(dir, 'serve.test.json'), await readFile('serve.json', 'utf8'));
      const studio = await startServe(dir, 'serve.test.json');
      try {
        const home = await fetch(`${studio.url}/`);
        expect(securityHeaders(home)).toEqual(EXPECTED);
        const route = await fetch(`${studio.url}/studio/`);
        expect(securityHeaders(route)).toEqual({ ...EXPECTED, 'content-security-policy': studioCsp });
        const rules = serveJsonRules(path.join(dir, 'serve.test.json'));
        expect(headersFor(rules, 'studio/index.html')['content-security-policy']).toBe(studioCsp);
        expect(headersFor(rules, 'index.html')['content-security-policy']).toBe(EXPECTED['content-security-policy']);
      } finally {
        studio.process.kill();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the README shows the same headers for nginx and for any static host', async () => {
    const readme = await readFile('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Hosting the static export'));
    expect(section.startsWith('## Hosting the static export')).toBe(true);
    const nginx = /```nginx\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const headersFile = /```text\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    for (const [key, value] of Object.entries(EXPECTED)) {
      const name = key.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
      expect(nginx, key).toContain(`add_header ${name} "${value}" always;`);
      expect(headersFile, key).toContain(`  ${name}: ${value}\n`);
      expect(section, key).toContain(`| \`${name}\` | \`${value}\` |`);
    }
    // Still exactly two set-up commands: serve the course, run all tests.
    expect(readme.match(/```sh\n/g)).toHaveLength(2);
  });
});
