/**
 * What a lab is built from, as content gives it: the Docker hosts (terminal tabs, setup lines and
 * Run blocks name them) and, when a lesson describes one, the whole world (`lab.world`). Shared
 * by the browser, `content:check`, the lab console and the tests, so all build the same lab.
 * Client-safe: types of the engine's public face only.
 */
import type { LabOptions, WorldSpecInput } from '../../engine/index';

export interface LabWorld {
  hosts: string[];
  /** The lesson's `lab.world`; without it the lab is the default LAN with `hosts`. */
  world?: WorldSpecInput;
}

/** The createLab options that build this lab. */
export function labOptionsOf(lab: LabWorld): Pick<LabOptions, 'hosts' | 'world'> {
  return lab.world ? { world: lab.world } : { hosts: lab.hosts };
}

/** Just the hosts and world of a lab spec (a lesson's `lab` also has its setup). */
export function labWorldOf(lab: LabWorld): LabWorld {
  return lab.world ? { hosts: lab.hosts, world: lab.world } : { hosts: lab.hosts };
}

/** An exercise's lab: its own `hosts` on the default LAN, or else its lesson's lab (world included). */
export function exerciseLabWorld(lesson: LabWorld, exercise: { hosts?: string[] | undefined }): LabWorld {
  return exercise.hosts ? { hosts: exercise.hosts } : labWorldOf(lesson);
}

/** The lab's first host, where plain setup lines and Run blocks without `host=` go. */
export function firstHostOf(lab: { hosts: readonly string[] }): string {
  return lab.hosts[0] ?? 'host1';
}

/** A lab is "across hosts" when it has more than one Docker host. */
export function isMultiHost(lab: { hosts: readonly string[] }): boolean {
  return lab.hosts.length > 1;
}
