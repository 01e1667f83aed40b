import type { NetworkDriver } from '../driver';

/** host: no namespace of its own; the container shares the host's stack, so there is nothing to plumb. */
export const hostDriver: NetworkDriver = {
  name: 'host',
  scope: 'local',
  singleton: true,
  ipam: false,
  publishesPorts: false,
  embeddedDns: false,
  createNetwork: () => null,
  deleteNetwork: () => undefined,
  join: () => ({ ip: null, prefix: 0, gateway: '', mac: '', ifname: '', hostVeth: null }),
  leave: () => undefined,
};
