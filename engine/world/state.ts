import type { DockerWorld } from '../docker/world';

/** The format version of a lab snapshot; saves of another version are refused with a notice. */
export const STATE_VERSION = 3;

/** The whole lab as plain JSON data. */
export type WorldState = DockerWorld;
