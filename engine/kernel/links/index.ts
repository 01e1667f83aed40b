/** The link kinds' public face, for drivers and programs: creating devices, reading their state. */
export { hasCarrier, noArp } from './l2';
export { LINK_KINDS, opsOf } from './registry';
export { addVlan } from './vlan';
export { addMacvlan, type MacvlanMode } from './macvlan';
export { addIpvlan } from './ipvlan';
export { addVxlan, vxlanFdbAdd, vxlanFdbDel, ZERO_MAC, VXLAN_OVERHEAD, ESP_OVERHEAD, type VxlanSpec } from './vxlan';
export { topology } from './topology';
export { realLower, stackError, type StackErrno } from './stack';
export { linkDetails, type LinkDetails } from './details';
export { fdbDump, fdbLineText, linkHasIpv6, type FdbLine } from './fdb-show';
