import { flag } from '../../cli/verb';
import { checkBytes, checkCpus, checkDuration } from '../../lib/values';
import { checkFloat } from '../../lib/service-opts';

/**
 * The flags `service create` and `service update` share (docker/cli@v28.5.2
 * cli/command/service/opts.go addServiceFlags). Create shows the swarmkit defaults in the help
 * texts (buildServiceDefaultFlagMapping); update shows none, since it only changes what is given.
 */

const duration = (name: string, description: string) => flag.string(name, description, { valueName: 'duration', validate: checkDuration });

export function sharedFlags(create: boolean) {
  const d = (text: string, def: string) => (create ? `${text} (default ${def})` : text);
  return {
    detach: flag.bool('detach', 'Exit immediately instead of waiting for the service to converge', { short: 'd' }),
    quiet: flag.bool('quiet', 'Suppress progress output', { short: 'q' }),
    workdir: flag.string('workdir', 'Working directory inside the container', { short: 'w' }),
    user: flag.string('user', 'Username or UID (format: <name|uid>[:<group|gid>])', { short: 'u' }),
    credentialSpec: flag.string('credential-spec', 'Credential spec for managed service account (Windows only)', { valueName: 'credential-spec' }),
    hostname: flag.string('hostname', 'Container hostname'),
    entrypoint: flag.string('entrypoint', 'Overwrite the default ENTRYPOINT of the image', { valueName: 'command' }),
    capAdd: flag.list('cap-add', 'Add Linux capabilities'),
    capDrop: flag.list('cap-drop', 'Drop Linux capabilities'),
    limitCpu: flag.string('limit-cpu', 'Limit CPUs', { valueName: 'decimal', validate: checkCpus }),
    limitMemory: flag.string('limit-memory', 'Limit Memory', { valueName: 'bytes', validate: checkBytes }),
    reserveCpu: flag.string('reserve-cpu', 'Reserve CPUs', { valueName: 'decimal', validate: checkCpus }),
    reserveMemory: flag.string('reserve-memory', 'Reserve Memory', { valueName: 'bytes', validate: checkBytes }),
    limitPids: flag.int('limit-pids', 'Limit maximum number of processes (default 0 = unlimited)'),
    stopGracePeriod: duration('stop-grace-period', d('Time to wait before force killing a container (ns|us|ms|s|m|h)', '10s')),
    replicas: flag.uint('replicas', 'Number of tasks'),
    maxConcurrent: flag.uint('max-concurrent', 'Number of job tasks to run concurrently (default equal to --replicas)'),
    replicasMaxPerNode: flag.uint('replicas-max-per-node', 'Maximum number of tasks per node (default 0 = unlimited)'),
    restartCondition: flag.string('restart-condition', d('Restart when condition is met ("none", "on-failure", "any")', '"any"')),
    restartDelay: duration('restart-delay', d('Delay between restart attempts (ns|us|ms|s|m|h)', '5s')),
    restartMaxAttempts: flag.uint('restart-max-attempts', 'Maximum number of restarts before giving up'),
    restartWindow: duration('restart-window', 'Window used to evaluate the restart policy (ns|us|ms|s|m|h)'),
    updateParallelism: flag.uint('update-parallelism', 'Maximum number of tasks updated simultaneously (0 to update all at once)', create ? { default: 1 } : {}),
    updateDelay: duration('update-delay', d('Delay between updates (ns|us|ms|s|m|h)', '0s')),
    updateMonitor: duration('update-monitor', d('Duration after each task update to monitor for failure (ns|us|ms|s|m|h)', '5s')),
    updateFailureAction: flag.string('update-failure-action', d('Action on update failure ("pause", "continue", "rollback")', '"pause"')),
    updateMaxFailureRatio: flag.string('update-max-failure-ratio', d('Failure rate to tolerate during an update', '0'), { valueName: 'float', validate: checkFloat }),
    updateOrder: flag.string('update-order', d('Update order ("start-first", "stop-first")', '"stop-first"')),
    rollbackParallelism: flag.uint('rollback-parallelism', 'Maximum number of tasks rolled back simultaneously (0 to roll back all at once)', create ? { default: 1 } : {}),
    rollbackDelay: duration('rollback-delay', d('Delay between task rollbacks (ns|us|ms|s|m|h)', '0s')),
    rollbackMonitor: duration('rollback-monitor', d('Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)', '5s')),
    rollbackFailureAction: flag.string('rollback-failure-action', d('Action on rollback failure ("pause", "continue")', '"pause"')),
    rollbackMaxFailureRatio: flag.string('rollback-max-failure-ratio', d('Failure rate to tolerate during a rollback', '0'), { valueName: 'float', validate: checkFloat }),
    rollbackOrder: flag.string('rollback-order', d('Rollback order ("start-first", "stop-first")', '"stop-first"')),
    endpointMode: flag.string('endpoint-mode', 'Endpoint mode (vip or dnsrr)', create ? { default: 'vip' } : {}),
    withRegistryAuth: flag.bool('with-registry-auth', 'Send registry authentication details to swarm agents'),
    noResolveImage: flag.bool('no-resolve-image', 'Do not query the registry to resolve image digest and supported platforms'),
    logDriver: flag.string('log-driver', 'Logging driver for service'),
    logOpt: flag.list('log-opt', 'Logging driver options'),
    healthCmd: flag.string('health-cmd', 'Command to run to check health'),
    healthInterval: duration('health-interval', 'Time between running the check (ms|s|m|h)'),
    healthTimeout: duration('health-timeout', 'Maximum time to allow one check to run (ms|s|m|h)'),
    healthRetries: flag.int('health-retries', 'Consecutive failures needed to report unhealthy'),
    healthStartPeriod: duration('health-start-period', 'Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)'),
    healthStartInterval: duration('health-start-interval', 'Time between running the check during the start period (ms|s|m|h)'),
    noHealthcheck: flag.bool('no-healthcheck', 'Disable any container-specified HEALTHCHECK'),
    tty: flag.bool('tty', 'Allocate a pseudo-TTY', { short: 't' }),
    readOnly: flag.bool('read-only', "Mount the container's root filesystem as read only"),
    stopSignal: flag.string('stop-signal', 'Signal to stop the container'),
    isolation: flag.string('isolation', 'Service container isolation mode'),
    init: flag.bool('init', 'Use an init inside each service container to forward signals and reap processes'),
    oomScoreAdj: flag.int('oom-score-adj', "Tune host's OOM preferences (-1000 to 1000) "),
  };
}
