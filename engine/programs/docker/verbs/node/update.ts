import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/** opts.ConvertKVStringsToMap: "k=v", or "k" for an empty value. */
function toMap(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(list.map((s) => {
    const eq = s.indexOf('=');
    return eq < 0 ? [s, ''] : [s.slice(0, eq), s.slice(eq + 1)];
  }));
}

/**
 * docker/cli@v28.5.2 cli/command/node/update.go; the daemon refuses an unknown role or
 * availability (moby daemon/cluster/convert/node.go NodeSpecToGRPC). Prints the node as typed.
 */
export const update = defineVerb({
  path: 'node update',
  use: '[OPTIONS] NODE',
  short: 'Update a node',
  flags: {
    availability: flag.string('availability', 'Availability of the node ("active", "pause", "drain")'),
    labelAdd: flag.list('label-add', 'Add or update a node label ("key=value")'),
    labelRm: flag.list('label-rm', 'Remove a node label if exists'),
    role: flag.string('role', 'Role of the node ("worker", "manager")'),
  },
  args: args.exactly(1),
  async run({ p, d, opts, args: [ref], changed }) {
    const v = d.node(ref!);
    if (!v.ok) return daemonError(p, v.error);
    const id = v.value.node.id;
    const role = changed('role') ? opts.role : v.value.node.role;
    if (role !== 'worker' && role !== 'manager') return daemonError(p, `invalid Role: "${opts.role}"`);
    const availability = changed('availability') ? opts.availability : v.value.node.availability;
    if (availability !== 'active' && availability !== 'pause' && availability !== 'drain') return daemonError(p, `invalid Availability: "${opts.availability}"`);
    if (role !== v.value.node.role) {
      const r = d.nodeSetRole(id, role);
      if (!r.ok) return daemonError(p, r.error);
    }
    const r = d.nodeUpdate(id, { availability, labelAdd: toMap(opts.labelAdd), labelRm: opts.labelRm });
    if (!r.ok) return daemonError(p, r.error);
    p.rt.changed();
    await d.reconcile();
    p.out(`${ref}\n`);
    return 0;
  },
});
