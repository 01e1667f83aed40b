import type { NetworkDriver } from '../driver';

/** null (`--network none`): a namespace with only lo; the network never gets endpoints. */
export const nullDriver: NetworkDriver = {
  name: 'null',
  scope: 'local',
  singleton: true,
  ipam: false,
  publishesPorts: false,
  embeddedDns: false,
  createNetwork: () => null,
  deleteNetwork: () => undefined,
  join: () => 'sim: the none network has no endpoints',
  leave: () => undefined,
};
