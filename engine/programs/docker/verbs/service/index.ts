import type { Verb } from '../../cli/verb';
import { create } from './create';
import { inspect } from './inspect';
import { logs } from './logs';
import { ls } from './ls';
import { ps } from './ps';
import { rm } from './rm';
import { rollback } from './rollback';
import { scale } from './scale';
import { update } from './update';

/** `docker service …` (docker/cli@v28.5.2 cli/command/service/cmd.go): one file per verb beside this one. */
export const SERVICE_VERBS: Verb[] = [create, inspect, logs, ls, ps, rm, rollback, scale, update];
