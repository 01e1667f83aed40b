import { addIpvlan } from '../../../kernel/links';
import type { NetworkDriver } from '../driver';
import { dropParent, dummyName, internalLike, joinChild, leaveChild, makeParent, networksOf, opt } from '../parent';

/**
 * ipvlan (moby@v28.5.2 libnetwork/drivers/ipvlan): children share the parent's MAC and the
 * kernel tells them apart by address. l2 (default) sits on the parent's LAN like macvlan; l3 and
 * l3s route through the host: no gateway is allocated and the container's default route is
 * `default dev eth0` (scope link). A parent serves one ipvlan network only.
 */

type Mode = 'l2' | 'l3' | 'l3s';
type Flag = 'bridge' | 'private' | 'vepa';

function modeOf(options: Record<string, string>): Mode {
  return (opt(options, 'ipvlan_mode') || 'l2') as Mode;
}

function flagOf(options: Record<string, string>): Flag {
  return (opt(options, 'ipvlan_flag') || 'bridge') as Flag;
}

export const ipvlanDriver: NetworkDriver = {
  name: 'ipvlan',
  scope: 'local',
  singleton: false,
  ipam: true,
  publishesPorts: false,
  embeddedDns: true,
  /** parseNetworkOptions (ipvlan_network.go): mode, then flag, then the loopback parent. */
  validate(_ctx, spec) {
    const mode = opt(spec.options, 'ipvlan_mode');
    if (mode && !['l2', 'l3', 'l3s'].includes(mode)) return `requested ipvlan mode '${mode}' is not valid, 'l2' mode is the ipvlan driver default`;
    const flag = opt(spec.options, 'ipvlan_flag');
    if (flag && !['bridge', 'private', 'vepa'].includes(flag)) return `requested ipvlan flag '${flag}' is not valid, 'bridge' is the ipvlan driver default`;
    if (opt(spec.options, 'parent') === 'lo') return 'loopback interface is not a valid ipvlan parent link';
    return null;
  },
  // GetSkipGwAlloc: l3/l3s connect the default route to the interface; internal networks need none.
  defaultGateway: (net, firstHost) => (modeOf(net.options) !== 'l2' || internalLike(net) ? null : firstHost),
  createNetwork(ctx, net) {
    const parent = opt(net.options, 'parent') || dummyName('ipvlan', net.id);
    net.device = parent;
    const other = networksOf(ctx, 'ipvlan', net).find((n) => n.device === parent);
    if (other) return `network ${dummyName('ipvlan', other.id)} is already using parent interface ${parent}`;
    return makeParent(ctx, 'ipvlan', net);
  },
  deleteNetwork: (ctx, net) => dropParent(ctx, 'ipvlan', net),
  join(ctx, _c, ns, plan) {
    // CreateEndpoint refuses a MAC of the container's own: the children all wear the parent's.
    if (plan.mac) return 'ipvlan interfaces do not support custom mac address assignment';
    const mode = modeOf(plan.net.options);
    const internal = internalLike(plan.net);
    const gateway = internal || mode !== 'l2' ? '' : plan.gateway;
    const made = joinChild(ctx, 'ipvlan', ns, { ...plan, gateway }, (lower, spec) =>
      addIpvlan(ctx.world, ns, lower.ns, lower.link, { name: spec.name, mode, flag: flagOf(plan.net.options), ifindex: spec.ifindex }),
    );
    if (typeof made === 'string') return made;
    // The driver never reports a MAC, so inspect shows none (ipvlan_endpoint.go).
    return { ...made, mac: '', defaultDev: !internal && mode !== 'l2' };
  },
  leave: (ctx, c, ep) => leaveChild(ctx, c, ep),
};
