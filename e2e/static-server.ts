/**
 * A minimal static file server for the export in out/: what any static host does (index.html for
 * directories, 404.html for misses, correct content types, the security headers of serve.json).
 * No dependencies, no update checks.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { headersFor, serveJsonRules } from './serve-headers';
import { handleStudioContentRequest, STUDIO_CONTENT_ROUTE } from '../lib/studio/content-writer';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const candidate = path.join(root, clean);
  if (!candidate.startsWith(root)) return null;
  for (const option of [candidate, path.join(candidate, 'index.html'), `${candidate}.html`]) {
    try {
      if ((await stat(option)).isFile()) return option;
    } catch {
      // try the next form
    }
  }
  return null;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Hands a Node request to a Fetch-style handler (the studio's dev save route). */
async function fetchStyle(request: IncomingMessage, response: ServerResponse, handle: (r: Request) => Promise<Response>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.concat(chunks);
  const answer = await handle(new Request(new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`), { method: request.method, headers, body }));
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

export interface StaticServerOptions {
  /**
   * Also serve the studio's save route (which `npm run dev` has and a static host has not),
   * writing lessons into this folder instead of content/.
   */
  studioContentRoot?: string;
}

export async function startStaticServer(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const absoluteRoot = path.resolve(root);
  // The headers `npm start` sends (serve.json): browser tests run under the same CSP.
  const rules = serveJsonRules();
  const server: Server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    void (async () => {
      if (options.studioContentRoot && urlPath === STUDIO_CONTENT_ROUTE) {
        const contentRoot = options.studioContentRoot;
        await fetchStyle(request, response, (r) => handleStudioContentRequest(r, contentRoot));
        return;
      }
      let file = await fileAt(absoluteRoot, urlPath);
      let status = 200;
      if (!file) {
        file = await fileAt(absoluteRoot, '/404.html');
        status = 404;
      }
      if (!file) {
        response.writeHead(404).end('not found');
        return;
      }
      response.writeHead(status, {
        ...headersFor(rules, path.relative(absoluteRoot, file)),
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
