import type { EngineApi, SwarmInfo } from '../../../docker/api';
import type { NodeAvailability, SwarmSettings } from '../../../docker/types';
import { checkDuration, goDurationMs } from '../../../util/timestamp';
import type { Proc } from '../../../shell/types';
import { flag } from '../cli/verb';

/** What `docker swarm init`, `join` and `update` share (docker/cli@v28.5.2 cli/command/swarm/opts.go). */

const AVAILABILITY: readonly NodeAvailability[] = ['active', 'pause', 'drain'];

/** --availability as init and join check it when given: case-insensitive, one of the three; null after the error. */
export function availabilityOf(p: Proc, value: string, given: boolean): NodeAvailability | null {
  if (!given) return 'active';
  const v = value.toLowerCase();
  const found = AVAILABILITY.find((a) => a === v);
  if (!found) p.err(`invalid availability ${JSON.stringify(value)}, only active, pause and drain are supported\n`);
  return found ?? null;
}

const validDuration = (v: string) => checkDuration(v);

/** opts.ParseTCPAddr for --listen-addr: "<ip|interface>[:port]", the port 2377 when left out. */
function validListenAddr(v: string): string | null {
  if (v === '') return 'empty string';
  return /^[A-Za-z0-9_.:[\]-]+$/.test(v) ? null : `Invalid bind address format: ${v}`;
}

export const listenAddrFlag = () =>
  flag.string('listen-addr', 'Listen address (format: "<ip|interface>[:port]")', { valueName: 'node-addr', defaultText: '0.0.0.0:2377', validate: validListenAddr });

export const advertiseAddrFlag = () => flag.string('advertise-addr', 'Advertised address (format: "<ip|interface>[:port]")');
export const dataPathAddrFlag = () => flag.string('data-path-addr', 'Address or interface to use for data path traffic (format: "<ip|interface>")');
export const availabilityFlag = () => flag.string('availability', 'Availability of the node ("active", "pause", "drain")', { default: 'active' });

/** addSwarmFlags: the swarm.Spec fields both init and update set. */
export function swarmSpecFlags(autolockHelp: string) {
  return {
    autolock: flag.bool('autolock', autolockHelp),
    certExpiry: flag.string('cert-expiry', 'Validity period for node certificates (ns|us|ms|s|m|h)', { valueName: 'duration', defaultText: '2160h0m0s', validate: validDuration }),
    dispatcherHeartbeat: flag.string('dispatcher-heartbeat', 'Dispatcher heartbeat period (ns|us|ms|s|m|h)', { valueName: 'duration', defaultText: '5s', validate: validDuration }),
    externalCa: flag.list('external-ca', 'Specifications of one or more certificate signing endpoints', { valueName: 'external-ca' }),
    maxSnapshots: flag.uint('max-snapshots', 'Number of additional Raft snapshots to retain'),
    snapshotInterval: flag.uint('snapshot-interval', 'Number of log entries between Raft snapshots', { defaultText: '10000' }),
    taskHistoryLimit: flag.int('task-history-limit', 'Task history retention limit', { default: 5 }),
  };
}

interface SpecValues {
  autolock: boolean;
  certExpiry: string;
  dispatcherHeartbeat: string;
  externalCa: string[];
  maxSnapshots: number;
  snapshotInterval: number;
  taskHistoryLimit: number;
}

/**
 * mergeSwarmSpec: only the flags given change the spec. What the lab leaves out (autolock, an
 * external CA) is refused with one `sim:` line rather than pretended.
 */
export function specChange(p: Proc, opts: SpecValues, changed: (key: keyof SpecValues & string) => boolean): Partial<SwarmSettings> | null {
  if (changed('autolock') && opts.autolock) {
    p.err('sim: manager autolocking (and its unlock key) is not part of this lab\n');
    return null;
  }
  if (changed('externalCa')) {
    p.err('sim: external certificate authorities are not part of this lab\n');
    return null;
  }
  const out: Partial<SwarmSettings> = {};
  if (changed('taskHistoryLimit')) out.taskHistoryLimit = opts.taskHistoryLimit;
  if (changed('snapshotInterval')) out.snapshotInterval = opts.snapshotInterval;
  if (changed('maxSnapshots')) out.keepOldSnapshots = opts.maxSnapshots;
  if (changed('dispatcherHeartbeat')) out.heartbeatMs = Number(goDurationMs(opts.dispatcherHeartbeat));
  if (changed('certExpiry')) out.certExpiryMs = Number(goDurationMs(opts.certExpiry));
  return out;
}

/** printJoinCommand (cli/command/swarm/join_token.go): one line, indented by four, and a blank line after. */
export function printJoinCommand(p: Proc, d: EngineApi, worker: boolean, manager: boolean): number {
  for (const [wanted, role] of [[worker, 'worker'], [manager, 'manager']] as const) {
    if (!wanted) continue;
    const t = d.swarmJoinToken(role, false);
    if (!t.ok) return daemonRefusal(p, t.error);
    p.out(`To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${t.value.token} ${t.value.managerAddr}\n\n`);
  }
  return 0;
}

function daemonRefusal(p: Proc, msg: string): number {
  p.err(`Error response from daemon: ${msg}\n`);
  return 1;
}

/** `docker info`'s Swarm lines (cli/command/system/info.go printSwarmInfo), from " Swarm:" on. */
export function swarmInfoLines(s: SwarmInfo, humanDuration: (ms: number) => string): string {
  let out = ` Swarm: ${s.state}\n`;
  if (s.state === 'inactive') return out;
  out += `  NodeID: ${s.nodeId}\n  Is Manager: ${s.isManager}\n`;
  if (s.isManager) {
    const st = s.settings;
    out += `  ClusterID: ${s.clusterId}\n  Managers: ${s.managers}\n  Nodes: ${s.nodes}\n`;
    // Each pool is followed by two spaces (strings.Builder of p + "  ").
    out += `  Default Address Pool: ${s.defaultAddrPool}  \n  SubnetSize: ${s.subnetSize}\n`;
    if (s.dataPathPort > 0) out += `  Data Path Port: ${s.dataPathPort}\n`;
    out += '  Orchestration:\n';
    out += `   Task History Retention Limit: ${st.taskHistoryLimit}\n`;
    out += `  Raft:\n   Snapshot Interval: ${st.snapshotInterval}\n   Number of Old Snapshots to Retain: ${st.keepOldSnapshots}\n   Heartbeat Tick: 1\n   Election Tick: 10\n`;
    out += `  Dispatcher:\n   Heartbeat Period: ${humanDuration(st.heartbeatMs)}\n`;
    out += `  CA Configuration:\n   Expiry Duration: ${humanDuration(st.certExpiryMs)}\n   Force Rotate: 0\n`;
    out += '  Autolock Managers: false\n  Root Rotation In Progress: false\n';
  }
  out += `  Node Address: ${s.nodeAddr}\n`;
  if (s.managerAddrs.length > 0) out += `  Manager Addresses:\n${[...s.managerAddrs].sort().map((a) => `   ${a}\n`).join('')}`;
  return out;
}
