import type { Verb } from '../../cli/verb';

/** `docker service …` (docker/cli@v28.5.2 cli/command/service/cmd.go): one file per verb beside this one. */
export const SERVICE_VERBS: Verb[] = [];
