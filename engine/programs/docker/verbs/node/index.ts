import type { Verb } from '../../cli/verb';
import { inspect } from './inspect';
import { ls } from './ls';
import { ps } from './ps';
import { demote, promote } from './role';
import { rm } from './rm';
import { update } from './update';

/** `docker node …` (docker/cli@v28.5.2 cli/command/node/cmd.go). */
export const NODE_VERBS: Verb[] = [demote, inspect, ls, promote, ps, rm, update];
