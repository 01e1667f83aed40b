import type { NetworkDriver } from './driver';
import { bridgeDriver } from './bridge/index';
import { hostDriver } from './host/index';
import { ipvlanDriver } from './ipvlan/index';
import { macvlanDriver } from './macvlan/index';
import { nullDriver } from './null/index';
import { overlayDriver } from './overlay/index';

/** Every network driver the lab has, by the name `docker network create -d` takes. */
const DRIVERS: ReadonlyMap<string, NetworkDriver> = new Map<string, NetworkDriver>([
  ['bridge', bridgeDriver],
  ['host', hostDriver],
  ['null', nullDriver],
  ['macvlan', macvlanDriver],
  ['ipvlan', ipvlanDriver],
  ['overlay', overlayDriver],
]);

export function driverFor(name: string): NetworkDriver | undefined {
  return DRIVERS.get(name);
}

export function allDrivers(): NetworkDriver[] {
  return [...DRIVERS.values()];
}
