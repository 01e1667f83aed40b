import type { ContainerRec } from '../../../docker/types';
import type { Proc } from '../../../shell/types';
import type { Verb, VerbCall } from '../cli/verb';
import { buildSpec, ensureImage, localhostDnsWarning, unmodeledFlags, type CreateOptions } from './run-spec';

/** What `docker run` and `docker create` share: parse, pull if needed, create. */

export function runError(p: Proc, cmd: string, msg: string, code = 125): number {
  p.err(`docker: ${msg}\n\nRun '${cmd} --help' for more information\n`);
  return code;
}

export function daemonRunError(p: Proc, cmd: string, msg: string): number {
  if (msg.startsWith('sim:')) {
    p.err(`${msg}\n`);
    return 125;
  }
  const code = /executable file not found|no such file or directory/.test(msg) ? 127 : /permission denied|is a directory/.test(msg) ? 126 : 125;
  return runError(p, cmd, `Error response from daemon: ${msg}`, code);
}

/** Creates the container from the command line, or the exit code after its error was printed. */
export function createFromArgs(call: VerbCall<CreateOptions>, flags: Verb['flags']): { c: ContainerRec } | { code: number } {
  const { p, d, opts, args, cmd } = call;
  const [imageRef, ...rest] = args as [string, ...string[]];
  const unmodeled = unmodeledFlags(flags, call.givenKeys);
  if (unmodeled.length > 0) p.err(`sim: this lab does not model ${unmodeled.join(', ')}; the container runs without ${unmodeled.length === 1 ? 'it' : 'them'}\n`);
  const pre = buildSpec(p, opts, imageRef, rest);
  if (typeof pre === 'string') return { code: runError(p, cmd, pre) };
  const image = ensureImage(p, d, imageRef, opts.pull, opts.quiet);
  if ('error' in image) {
    if (image.error.startsWith('sim:')) {
      p.err(`${image.error}\n`);
      return { code: 125 };
    }
    return { code: daemonRunError(p, cmd, image.error) };
  }
  const created = d.containerCreate({ ...pre, image });
  if (!created.ok) return { code: daemonRunError(p, cmd, created.error) };
  const warnings = [...created.warnings];
  const dnsWarning = localhostDnsWarning(opts.dns);
  if (dnsWarning) warnings.push(dnsWarning);
  for (const w of warnings) p.err(`WARNING: ${w}\n`);
  p.rt.changed();
  return { c: created.value };
}
