import type { Verb } from '../../cli/verb';
import { init } from './init';
import { join } from './join';
import { joinToken } from './join-token';
import { leave } from './leave';
import { update } from './update';

/** `docker swarm …` (docker/cli@v28.5.2 cli/command/swarm/cmd.go); ca, unlock and unlock-key are stubs. */
export const SWARM_VERBS: Verb[] = [init, join, joinToken, leave, update];
