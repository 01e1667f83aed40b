import type { Program } from '../../shell/types';
import { runDocker } from './cli/dispatch';
import { DOCKER_TREE } from './verbs';

/** The docker CLI: the command tree built from one definition per verb (verbs/), run as cobra runs docker/cli's. */
export const docker: Program = (p) => runDocker(DOCKER_TREE, p);
