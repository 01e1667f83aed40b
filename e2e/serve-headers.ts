/**
 * The response headers serve.json gives a file, as `serve` (serve-handler) computes them: every
 * rule whose glob matches the file's path under out/ applies, in order, a later rule replacing a
 * header an earlier one set. The browser tests' static server sends them, so every browser test
 * runs under the same Content-Security-Policy as `npm start`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}

export function serveJsonRules(file = path.resolve('serve.json')): HeaderRule[] {
  const config = JSON.parse(readFileSync(file, 'utf8')) as { headers?: HeaderRule[] };
  return config.headers ?? [];
}

/** minimatch's subset that serve.json uses: `**` crosses folders, `*` and `?` do not. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Headers for a file at `relativePath` under the served folder ("lessons/x/index.html"). */
export function headersFor(rules: HeaderRule[], relativePath: string): Record<string, string> {
  const slashed = `/${relativePath.split(path.sep).join('/')}`;
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const rule of rules) {
    const source = rule.source.startsWith('/') ? rule.source : `/${rule.source}`;
    if (globToRegExp(source).test(slashed)) for (const { key, value } of rule.headers) headers[key.toLowerCase()] = value;
  }
  return headers;
}
