import { CommandTree } from '../cli/tree';
import type { Verb } from '../cli/verb';
import { attach } from './container/attach';
import { create } from './container/create';
import { exec } from './container/exec';
import { inspect as containerInspect } from './container/inspect';
import { kill } from './container/kill';
import { logs } from './container/logs';
import { ls as containerLs } from './container/ls';
import { pause } from './container/pause';
import { port } from './container/port';
import { prune as containerPrune } from './container/prune';
import { rename } from './container/rename';
import { restart } from './container/restart';
import { rm as containerRm } from './container/rm';
import { run } from './container/run';
import { start } from './container/start';
import { stats } from './container/stats';
import { stop } from './container/stop';
import { top } from './container/top';
import { unpause } from './container/unpause';
import { wait } from './container/wait';
import { history } from './image/history';
import { inspect as imageInspect } from './image/inspect';
import { ls as imageLs } from './image/ls';
import { prune as imagePrune } from './image/prune';
import { pull } from './image/pull';
import { rm as imageRm } from './image/rm';
import { inspect } from './inspect';
import { connect } from './network/connect';
import { create as networkCreate } from './network/create';
import { disconnect } from './network/disconnect';
import { inspect as networkInspect } from './network/inspect';
import { ls as networkLs } from './network/ls';
import { prune as networkPrune } from './network/prune';
import { rm as networkRm } from './network/rm';
import { SERVICE_VERBS } from './service';
import { GROUPS, STUB_VERBS } from './stubs';
import { df } from './system/df';
import { events } from './system/events';
import { info } from './system/info';
import { prune as systemPrune } from './system/prune';
import { version } from './version';

/** Every docker verb the lab has: one line each. Help, dispatch and completion come from this list. */
export const VERBS: Verb[] = [
  attach, create, exec, containerInspect, kill, logs, containerLs, pause, port, containerPrune, rename, restart,
  containerRm, run, start, stats, stop, top, unpause, wait,
  history, imageInspect, imageLs, imagePrune, pull, imageRm,
  connect, networkCreate, disconnect, networkInspect, networkLs, networkPrune, networkRm,
  df, events, info, systemPrune,
  inspect, version,
  ...SERVICE_VERBS,
  ...STUB_VERBS,
];

export const DOCKER_TREE = new CommandTree(VERBS, GROUPS);
