/**
 * The small simulated internet behind the LAN's router: a public resolver, and a few web sites.
 * Addresses are the real ones at the time of writing, so what a learner sees resembles a real run.
 */

export interface PublicHost {
  names: string[];
  ip: string;
  /** Serves DNS on udp/53 (and tcp/53). */
  dns?: boolean;
  /** Serves HTTP on tcp/80 with this page. */
  site?: { title: string; body: string; server: string };
}

export const PUBLIC_HOSTS: PublicHost[] = [
  { names: ['dns.google'], ip: '8.8.8.8', dns: true },
  { names: ['dns.google'], ip: '8.8.4.4', dns: true },
  { names: ['one.one.one.one'], ip: '1.1.1.1', dns: true },
  {
    names: ['example.com', 'www.example.com'],
    ip: '93.184.215.14',
    site: {
      title: 'Example Domain',
      server: 'ECS (dce/26C6)',
      body: 'This domain is for use in illustrative examples in documents. You may use this domain in literature without prior coordination or asking for permission.',
    },
  },
  {
    names: ['docker.com', 'www.docker.com'],
    ip: '141.193.213.20',
    site: { title: 'Docker: Accelerated Container Application Development', server: 'cloudflare', body: 'Docker helps developers build, share, run, and verify applications anywhere.' },
  },
  {
    names: ['hub.docker.com', 'registry-1.docker.io'],
    ip: '44.208.254.194',
    site: { title: 'Docker Hub Container Image Library', server: 'nginx', body: 'Welcome to the world\'s largest container registry.' },
  },
  {
    names: ['google.com', 'www.google.com'],
    ip: '142.250.185.78',
    site: { title: 'Google', server: 'gws', body: 'Search the world\'s information.' },
  },
  {
    names: ['github.com'],
    ip: '140.82.121.3',
    site: { title: 'GitHub', server: 'github.com', body: 'Where the world builds software.' },
  },
  {
    names: ['wikipedia.org', 'www.wikipedia.org'],
    ip: '185.15.59.224',
    site: { title: 'Wikipedia', server: 'ATS/9.2.5', body: 'The Free Encyclopedia' },
  },
];

export function publicHostByName(name: string): PublicHost | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  return PUBLIC_HOSTS.find((h) => h.names.includes(n));
}

export function publicHostByIp(ip: string): PublicHost | undefined {
  return PUBLIC_HOSTS.find((h) => h.ip === ip);
}

export function sitePage(host: PublicHost): string {
  const s = host.site!;
  return `<!doctype html>\n<html>\n<head>\n    <title>${s.title}</title>\n</head>\n<body>\n<div>\n    <h1>${s.title}</h1>\n    <p>${s.body}</p>\n</div>\n</body>\n</html>\n`;
}
