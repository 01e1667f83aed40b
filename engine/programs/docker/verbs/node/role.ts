import type { EngineApi } from '../../../../docker/api';
import type { NodeRole } from '../../../../docker/types';
import type { Proc } from '../../../../shell/types';
import { args, defineVerb } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/**
 * updateNodes (docker/cli@v28.5.2 cli/command/node/update.go) for promote and demote: node by
 * node, stopping at the first error; a node already in the role is said and skipped.
 */
async function changeRoles(p: Proc, d: EngineApi, refs: string[], role: NodeRole, done: (ref: string) => string): Promise<number> {
  for (const ref of refs) {
    const v = d.node(ref);
    if (!v.ok) return daemonError(p, v.error);
    if (v.value.node.role === role) {
      p.out(`Node ${v.value.node.id} is already a ${role}.\n`);
      continue;
    }
    const r = d.nodeSetRole(v.value.node.id, role);
    if (!r.ok) return daemonError(p, r.error);
    p.rt.changed();
    p.out(done(ref));
  }
  await d.reconcile();
  return 0;
}

/** docker/cli@v28.5.2 cli/command/node/promote.go */
export const promote = defineVerb({
  path: 'node promote',
  use: 'NODE [NODE...]',
  short: 'Promote one or more nodes to manager in the swarm',
  flags: {},
  args: args.atLeast(1),
  run: ({ p, d, args: refs }) => changeRoles(p, d, refs, 'manager', (ref) => `Node ${ref} promoted to a manager in the swarm.\n`),
});

/** docker/cli@v28.5.2 cli/command/node/demote.go */
export const demote = defineVerb({
  path: 'node demote',
  use: 'NODE [NODE...]',
  short: 'Demote one or more nodes from manager in the swarm',
  flags: {},
  args: args.atLeast(1),
  run: ({ p, d, args: refs }) => changeRoles(p, d, refs, 'worker', (ref) => `Manager ${ref} demoted in the swarm.\n`),
});
