import type { HttpRequest, HttpResponse } from './servers/types';

/** HTTP/1.1 as bytes: what clients write and servers answer, for tools that speak it by hand (nc). */

export function serializeRequest(req: HttpRequest): string {
  return `${req.method} ${req.path} HTTP/1.1\r\n${req.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** A request once its header block is complete; 'incomplete' until the blank line arrives. */
export function parseHttpRequest(text: string): HttpRequest | 'incomplete' | 'bad' {
  const end = /\r?\n\r?\n/.exec(text);
  if (!end) return 'incomplete';
  const lines = text.slice(0, end.index).split(/\r?\n/);
  const m = /^([A-Z]+) (\S+)(?: HTTP\/\d\.\d)?$/.exec(lines[0] ?? '');
  if (!m) return 'bad';
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { method: m[1]!, path: m[2]!, headers };
}

export function serializeResponse(res: HttpResponse, head = false): string {
  return `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${head ? '' : res.body}`;
}

/** A server's reply read as HTTP: null when it is not HTTP at all (redis's "-ERR ..."). */
export function parseHttpResponse(text: string): HttpResponse | null {
  const m = /^HTTP\/\d\.\d (\d{3}) ?([^\r\n]*)\r?\n/.exec(text);
  if (!m) return null;
  const end = /\r?\n\r?\n/.exec(text);
  const headText = end ? text.slice(m[0].length, end.index) : text.slice(m[0].length);
  const headers: [string, string][] = [];
  for (const line of headText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(m[1]), reason: m[2] ?? '', headers, body: end ? text.slice(end.index + end[0].length) : '' };
}
