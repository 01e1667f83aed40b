import { shellContext } from '../../../../shell/contexts';
import { own } from '../../../../util/own';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/** docker/cli@v28.5.2 cli/command/container/exec.go */
export const exec = defineVerb({
  path: 'container exec',
  shortcut: 'exec',
  use: '[OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  top: 2,
  flags: {
    detach: flag.bool('detach', 'Detached mode: run command in the background', { short: 'd' }),
    detachKeys: flag.string('detach-keys', 'Override the key sequence for detaching a container'),
    env: flag.list('env', 'Set environment variables', { short: 'e' }),
    envFile: flag.list('env-file', 'Read in a file of environment variables'),
    interactive: flag.bool('interactive', 'Keep STDIN open even if not attached', { short: 'i' }),
    privileged: flag.bool('privileged', 'Give extended privileges to the command'),
    tty: flag.bool('tty', 'Allocate a pseudo-TTY', { short: 't' }),
    user: flag.string('user', 'Username or UID (format: "<name|uid>[:<group|gid>]")', { short: 'u' }),
    workdir: flag.string('workdir', 'Working directory inside the container', { short: 'w' }),
  },
  args: args.atLeast(2),
  interspersed: false,
  completes: ['container'],
  async run({ p, d, opts, args: [ref, ...cmd] }) {
    const found = d.container(ref!);
    if (!found.ok) return daemonError(p, found.error);
    const c = found.value;
    const prog = cmd[0]!;
    const user = opts.user || c.config.user;
    const check = d.execCheck(c, prog, { user, workdir: opts.workdir });
    if (!check.ok) {
      if (!check.notFound) return daemonError(p, check.error);
      p.out(`${check.error}\n`);
      return check.exitCode ?? 127;
    }
    const inner = shellContext(d.hostName, c, false, prog);
    if (opts.workdir) inner.cwd = opts.workdir;
    if (user) inner.user = user;
    const env = opts.env.map((e) => (e.includes('=') ? e : `${e}=${own(p.ctx.vars, e) ?? ''}`));
    if (env.length) inner.env = env;
    for (const e of env) {
      const eq = e.indexOf('=');
      if (eq > 0) inner.vars[e.slice(0, eq)] = e.slice(eq + 1);
    }
    const isShell = ['sh', 'ash', 'bash', 'zsh'].includes(prog.split('/').pop()!) && cmd.length === 1;
    if (isShell) {
      if (opts.interactive) p.session.push(inner);
      return 0;
    }
    if (opts.detach) {
      d.execDetached(c, cmd);
      await d.settle();
      return 0;
    }
    const exec = d.execStart(c, cmd);
    const code = await p.runArgv(cmd, inner, { out: p.out, err: p.err, stdin: p.stdin });
    exec.exited(code);
    p.rt.changed();
    return code;
  },
});
