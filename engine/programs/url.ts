/** URLs as curl and wget read them. */

export interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** Whether the URL named the port (it then appears in the Host header). */
  explicitPort: boolean;
}

export function parseUrl(raw: string): Url | null {
  const m = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?(\/[^#]*)?$/i.exec(raw);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return null;
  return { scheme, host: m[2]!, port, path: m[4] ?? '/', explicitPort: m[3] !== undefined };
}

/** The Host header: the host, with the port unless it is the scheme's default. */
export function hostHeader(url: Url): string {
  const def = url.scheme === 'https' ? 443 : 80;
  return url.port === def ? url.host : `${url.host}:${url.port}`;
}

/** The last path component, as wget names its output file ("index.html" for a directory). */
export function urlFileName(url: Url): string {
  const name = url.path.replace(/[?#].*$/, '').split('/').pop() ?? '';
  return name || 'index.html';
}
