import { imageById } from '../docker/daemon/images';
import { shellFor } from './contexts';
import { containerOf, daemonOf, type ExecContext, type Place } from './types';

/**
 * The environment a process starts with, in Docker's order for a container (PATH, HOSTNAME, TERM
 * with -t, the legacy --link variables, the image's and the user's variables, HOME last) and in a
 * Debian root login's for a host.
 */
export function baseEnvironment(p: Place): [string, string][] {
  const split = (e: string): [string, string] => {
    const eq = e.indexOf('=');
    return eq < 0 ? [e, ''] : [e.slice(0, eq), e.slice(eq + 1)];
  };
  const c = containerOf(p);
  if (c) {
    const path = c.config.env.find((e) => e.startsWith('PATH=')) ?? 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    const rest = c.config.env.filter((e) => !e.startsWith('PATH=') && !e.startsWith('HOSTNAME=') && !e.startsWith('HOME='));
    const home = c.config.env.find((e) => e.startsWith('HOME=')) ?? 'HOME=/root';
    const d = daemonOf(p);
    const links = d ? d.containerLinkEnv(c) : [];
    // `docker exec -e` adds its variables after the image's, before HOME (moby daemon/exec.go).
    return [path, `HOSTNAME=${c.config.hostname}`, ...(c.config.tty ? ['TERM=xterm'] : []), ...links, ...rest, ...(p.ctx.env ?? []), home].map(split);
  }
  return [
    ['SHELL', '/bin/bash'],
    ['PWD', '/root'],
    ['LOGNAME', 'root'],
    ['HOME', '/root'],
    ['LANG', 'C.UTF-8'],
    ['TERM', 'xterm-256color'],
    ['USER', 'root'],
    ['SHLVL', '1'],
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  ];
}

/**
 * What `env` prints: the base environment in its order with the shell's values, less what the
 * shell unset or did not export, then the shell's other exported variables.
 */
export function environment(p: Place & { env?: ReadonlyMap<string, string> }): string[] {
  const base = baseEnvironment(p);
  const env = p.env;
  if (!env) return base.map(([k, v]) => `${k}=${v}`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [k] of base) {
    seen.add(k);
    const v = env.get(k);
    if (v !== undefined) out.push(`${k}=${v}`);
  }
  for (const [k, v] of env) if (!seen.has(k)) out.push(`${k}=${v}`);
  return out;
}

/** The variables a terminal's shell starts with: the environment (exported) and the shell's own (HOSTNAME). */
export function loginEnvironment(p: Place): Record<string, string> {
  const env = Object.create(null) as Record<string, string>;
  for (const [k, v] of baseEnvironment(p)) env[k] = v;
  return env;
}

/** The shell `name` (sh, bash, ash, zsh) starts in a place: Debian hosts have dash as sh. */
export function shellNamed(p: Place, name: string): ExecContext['shell'] {
  const c = containerOf(p);
  if (c) return shellFor(imageById(c.imageId), name);
  if (name === 'bash' || name === 'zsh') return name;
  return 'dash';
}
