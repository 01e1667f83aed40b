import type { ServicePort, ServiceSpec, SwarmService } from '../../../docker/types';
import { rfc3339Nano } from '../../../util/gotime';

/**
 * `docker service inspect` JSON, keys in the order of moby api/types/swarm (service.go Service,
 * ServiceSpec; task.go TaskSpec; container.go ContainerSpec; network.go Endpoint), empty fields
 * left out as their `omitempty` tags say. The CLI asks with InsertDefaults, so Spec carries
 * swarmkit's defaults (api/defaults/service.go: stop grace period, restart policy, update and
 * rollback configs); PreviousSpec is stored as sent and has none.
 */

const SECOND_NS = 1_000_000_000;

/** swarmkit's update and rollback defaults, as a Go UpdateConfig. */
const UPDATE_DEFAULTS = { Parallelism: 1, FailureAction: 'pause', Monitor: 5 * SECOND_NS, MaxFailureRatio: 0, Order: 'stop-first' };

function portJson(p: ServicePort): Record<string, unknown> {
  return { Protocol: p.protocol, TargetPort: p.target, ...(p.published ? { PublishedPort: p.published } : {}), PublishMode: p.mode };
}

function specJson(spec: ServiceSpec, defaults: boolean): Record<string, unknown> {
  const labels = spec.containerLabels ?? {};
  const container = {
    Image: spec.image,
    ...(Object.keys(labels).length ? { Labels: labels } : {}),
    ...(spec.args ? { Args: spec.args } : {}),
    ...(spec.env.length ? { Env: spec.env } : {}),
    Init: false,
    ...(defaults ? { StopGracePeriod: 10 * SECOND_NS } : {}),
    DNSConfig: {},
    Isolation: 'default',
  };
  const task = {
    ContainerSpec: container,
    Resources: { Limits: {}, Reservations: {} },
    ...(defaults ? { RestartPolicy: { Condition: 'any', Delay: 5 * SECOND_NS, MaxAttempts: 0 } } : {}),
    Placement: spec.constraints.length ? { Constraints: spec.constraints } : {},
    ...(spec.networks.length
      ? { Networks: spec.networks.map((id) => ({ Target: id, ...(spec.aliases?.[id]?.length ? { Aliases: spec.aliases[id] } : {}) })) }
      : {}),
    ForceUpdate: spec.forceUpdate ?? 0,
    Runtime: 'container',
  };
  return {
    Name: spec.name,
    Labels: spec.labels,
    TaskTemplate: task,
    Mode: spec.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: spec.mode.replicas } },
    ...(defaults ? { UpdateConfig: UPDATE_DEFAULTS, RollbackConfig: UPDATE_DEFAULTS } : {}),
    EndpointSpec: { Mode: spec.endpointMode, ...(spec.ports.length ? { Ports: spec.ports.map(portJson) } : {}) },
  };
}

export function serviceJson(svc: SwarmService): Record<string, unknown> {
  const spec = svc.spec;
  // The allocator fills Endpoint only for a service that joins a network or publishes a port.
  const allocated = svc.vips.length > 0 || spec.ports.length > 0 || spec.networks.length > 0;
  const endpointPorts = spec.ports.filter((p) => p.published > 0);
  const status = svc.updateStatus;
  return {
    ID: svc.id,
    Version: { Index: svc.index ?? svc.version },
    CreatedAt: rfc3339Nano(svc.created, 3),
    UpdatedAt: svc.updated === svc.created ? rfc3339Nano(svc.created, 5) : rfc3339Nano(svc.updated, 5),
    Spec: specJson(spec, true),
    ...(svc.previous ? { PreviousSpec: specJson(svc.previous, false) } : {}),
    Endpoint: allocated
      ? {
          Spec: { Mode: spec.endpointMode, ...(spec.ports.length ? { Ports: spec.ports.map(portJson) } : {}) },
          ...(endpointPorts.length ? { Ports: endpointPorts.map(portJson) } : {}),
          ...(svc.vips.length ? { VirtualIPs: svc.vips.map((v) => ({ NetworkID: v.networkId, Addr: v.addr })) } : {}),
        }
      : { Spec: {} },
    ...(status
      ? {
          UpdateStatus: {
            State: status.state,
            StartedAt: rfc3339Nano(status.started, 7),
            ...(status.completed !== null ? { CompletedAt: rfc3339Nano(status.completed, 11) } : {}),
            Message: status.message,
          },
        }
      : {}),
  };
}
