import { resolveName } from '../apps/resolver';
import { readFile } from '../shell/files';
import { nsOf, type Program } from '../shell/types';
import { imageOf } from './libc';

/**
 * getent: Alpine's (musl-utils: hosts printed "%-16s  %s") and glibc's ("%-15s %s", ahosts with
 * socket types), over /etc/hosts and DNS as the C library resolves. Not found: exit 2.
 */
export const getent: Program = async (p) => {
  const [db, ...keys] = p.argv.slice(1);
  const musl = imageOf(p)?.libc === 'musl';
  if (!db) {
    p.err(musl ? 'Usage: getent database [key ...]\n' : 'Usage: getent [OPTION...] database [key ...]\nTry `getent --help\' or `getent --usage\' for more information.\n');
    return 1;
  }
  if (db === 'passwd' || db === 'group') {
    const lines = (readFile(p, `/etc/${db}`) ?? '').split('\n').filter(Boolean);
    if (keys.length === 0) {
      p.out(lines.map((l) => `${l}\n`).join(''));
      return 0;
    }
    let status = 0;
    for (const k of keys) {
      const hit = lines.find((l) => {
        const f = l.split(':');
        return f[0] === k || f[2] === k;
      });
      if (hit) p.out(`${hit}\n`);
      else status = 2;
    }
    return status;
  }
  if (db !== 'hosts' && db !== 'ahosts' && db !== 'ahostsv4') {
    p.err(musl ? `getent: unknown database: ${db}\n` : `Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n`);
    return 1;
  }
  if (keys.length === 0) {
    p.out(readFile(p, '/etc/hosts') ?? '');
    return 0;
  }
  const ns = nsOf(p);
  let status = 0;
  for (const key of keys) {
    const r = resolveName(p.rt.apps, ns, readFile(p, '/etc/hosts') ?? '', readFile(p, '/etc/resolv.conf') ?? '', key);
    if (!r.ok) {
      status = 2;
      continue;
    }
    // An address looks itself up in /etc/hosts; glibc and musl print the name it was asked for.
    const name = key;
    if (db === 'hosts') p.out(musl ? `${r.ip.padEnd(16)}  ${name}\n` : `${r.ip.padEnd(15)} ${name}\n`);
    else p.out(`${r.ip.padEnd(15)} STREAM ${name}\n${r.ip.padEnd(15)} DGRAM  \n${r.ip.padEnd(15)} RAW    \n`);
  }
  return status;
};
