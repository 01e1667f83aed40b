import { args, defineVerb } from '../../cli/verb';
import { createFromArgs } from '../../lib/create';
import { CREATE_FLAGS } from '../../lib/run-flags';

/** docker/cli@v28.5.2 cli/command/container/create.go */
export const create = defineVerb({
  path: 'container create',
  shortcut: 'create',
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new container',
  flags: CREATE_FLAGS,
  args: args.atLeast(1),
  interspersed: false,
  completes: ['image'],
  run(call) {
    const r = createFromArgs(call, CREATE_FLAGS);
    if ('code' in r) return r.code;
    call.p.out(`${r.c.id}\n`);
    return 0;
  },
});
