import type { EngineApi } from '../../../docker/api';

/**
 * cobra's "swarm" annotation (docker/cli@v28.5.2 cmd/docker/docker.go hideUnsupportedFeatures):
 * 'manager' commands are listed only on a manager, 'active' ones only inside a swarm, '' always.
 */
export type SwarmNeed = '' | 'manager' | 'active';

/** What the daemon reports of its swarm (Swarm.LocalNodeState, Swarm.ControlAvailable); null without a daemon. */
export interface SwarmStatus {
  nodeState: 'inactive' | 'pending' | 'active' | 'error' | 'locked';
  controlAvailable: boolean;
}

/** Whether a command with this annotation is listed for a daemon in this state. */
export function shownFor(need: SwarmNeed | undefined, status: SwarmStatus | null): boolean {
  // The CLI hides nothing when it could not ask the daemon.
  if (!status || need === undefined || need === '') return true;
  return need === 'manager' ? status.controlAvailable : status.nodeState !== 'inactive';
}

/** What the CLI learns of the daemon's swarm before it shows help (the info it asks for); null without a daemon. */
export function swarmStatusOf(d: EngineApi | null): SwarmStatus | null {
  if (!d) return null;
  const info = d.swarmInfo();
  return { nodeState: info.state, controlAvailable: info.isManager };
}
