import { addMacvlan, type MacvlanMode } from '../../../kernel/links';
import { linkByName } from '../../../kernel/netns';
import { randomMac } from '../../../util/rng';
import { hostNs } from '../../context';
import type { NetworkDriver } from '../driver';
import { dropParent, dummyName, internalLike, joinChild, leaveChild, makeParent, networksOf, opt } from '../parent';

/**
 * macvlan (moby@v28.5.2 libnetwork/drivers/macvlan): each container gets a child of the parent
 * interface with a MAC of its own (random since 28, or --mac-address) and sits on the parent's
 * wire as a machine of its own. No NAT, no published ports (`-p` only logs a warning), no
 * iptables rules. Since 27 several networks may share a parent, except in passthru mode.
 */

const MODES = ['bridge', 'private', 'vepa', 'passthru'];

function modeOf(options: Record<string, string>): MacvlanMode {
  return (opt(options, 'macvlan_mode') || 'bridge') as MacvlanMode;
}

export const macvlanDriver: NetworkDriver = {
  name: 'macvlan',
  scope: 'local',
  singleton: false,
  ipam: true,
  publishesPorts: false,
  embeddedDns: true,
  /** parseNetworkOptions (macvlan_network.go), which GetSkipGwAlloc runs before IPAM. */
  validate(_ctx, spec) {
    const mode = opt(spec.options, 'macvlan_mode');
    if (mode && !MODES.includes(mode)) return `requested macvlan mode '${mode}' is not valid, 'bridge' mode is the macvlan driver default`;
    if (opt(spec.options, 'parent') === 'lo') return 'loopback interface is not a valid macvlan parent link';
    return null;
  },
  // GetSkipGwAlloc: internal networks (and those without a parent) get no gateway address.
  defaultGateway: (net, firstHost) => (internalLike(net) ? null : firstHost),
  createNetwork(ctx, net) {
    const parent = opt(net.options, 'parent') || dummyName('macvlan', net.id);
    net.device = parent;
    const mode = modeOf(net.options);
    const sharing = networksOf(ctx, 'macvlan', net).filter((n) => n.device === parent);
    for (const other of sharing) {
      if (mode === 'passthru') return `cannot use mode passthru, macvlan network ${other.id} is already using parent interface ${parent}`;
      if (modeOf(other.options) === 'passthru') return `macvlan network ${other.id} is already using parent interface ${parent} in mode passthru`;
    }
    // A parent another macvlan network had created counts as created for this one too.
    if (linkByName(hostNs(ctx), parent)) {
      if (sharing.some((n) => n.createdParent)) net.createdParent = true;
      return null;
    }
    return makeParent(ctx, 'macvlan', net);
  },
  deleteNetwork(ctx, net) {
    // Only the last macvlan network on a parent the driver created deletes it (parentHasSingleUser).
    if (networksOf(ctx, 'macvlan', net).some((n) => n.device === net.device)) return;
    dropParent(ctx, 'macvlan', net);
  },
  join(ctx, _c, ns, plan) {
    const mode = modeOf(plan.net.options);
    // Internal (or parent-less) networks: DisableGatewayService, so no gateway and no default route.
    const gateway = internalLike(plan.net) ? '' : plan.gateway;
    return joinChild(
      ctx,
      'macvlan',
      ns,
      { ...plan, gateway },
      (lower, spec) => addMacvlan(ctx.world, ns, lower.ns, lower.link, { name: spec.name, mac: plan.mac ?? randomMac(ctx.world.rng), mode, ifindex: spec.ifindex }),
      mode,
    );
  },
  leave: (ctx, c, ep) => leaveChild(ctx, c, ep),
};
