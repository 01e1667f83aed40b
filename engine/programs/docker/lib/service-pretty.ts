import type { SwarmNetwork, SwarmService } from '../../../docker/types';
import { humanDuration } from '../../../util/humanize';
import { compileTemplate } from '../../../util/gotemplate';

/**
 * `docker service inspect --pretty`: docker/cli@v28.5.2 cli/command/service/formatter.go
 * serviceInspectPrettyTemplate, verbatim, run on the same values its serviceInspectContext
 * methods return (the lab models no resources, mounts, secrets, log drivers or health checks,
 * so those stay empty as in a service created without them).
 */
const PRETTY = `
ID:		{{.ID}}
Name:		{{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Service Mode:
{{- if .IsModeGlobal }}	Global
{{- else if .IsModeReplicated }}	Replicated
{{- if .ModeReplicatedReplicas }}
 Replicas:	{{ .ModeReplicatedReplicas }}
{{- end }}{{ end }}
{{- if .HasUpdateStatus }}
UpdateStatus:
 State:		{{ .UpdateStatusState }}
{{- if .HasUpdateStatusStarted }}
 Started:	{{ .UpdateStatusStarted }}
{{- end }}
{{- if .UpdateIsCompleted }}
 Completed:	{{ .UpdateStatusCompleted }}
{{- end }}
 Message:	{{ .UpdateStatusMessage }}
{{- end }}
Placement:
{{- if .TaskPlacementConstraints }}
 Constraints:	{{ .TaskPlacementConstraints }}
{{- end }}
{{- if .TaskPlacementPreferences }}
 Preferences:   {{ .TaskPlacementPreferences }}
{{- end }}
{{- if .MaxReplicas }}
 Max Replicas Per Node:   {{ .MaxReplicas }}
{{- end }}
{{- if .HasUpdateConfig }}
UpdateConfig:
 Parallelism:	{{ .UpdateParallelism }}
{{- if .HasUpdateDelay}}
 Delay:		{{ .UpdateDelay }}
{{- end }}
 On failure:	{{ .UpdateOnFailure }}
{{- if .HasUpdateMonitor}}
 Monitoring Period: {{ .UpdateMonitor }}
{{- end }}
 Max failure ratio: {{ .UpdateMaxFailureRatio }}
 Update order:      {{ .UpdateOrder }}
{{- end }}
{{- if .HasRollbackConfig }}
RollbackConfig:
 Parallelism:	{{ .RollbackParallelism }}
{{- if .HasRollbackDelay}}
 Delay:		{{ .RollbackDelay }}
{{- end }}
 On failure:	{{ .RollbackOnFailure }}
{{- if .HasRollbackMonitor}}
 Monitoring Period: {{ .RollbackMonitor }}
{{- end }}
 Max failure ratio: {{ .RollbackMaxFailureRatio }}
 Rollback order:    {{ .RollbackOrder }}
{{- end }}
ContainerSpec:
 Image:		{{ .ContainerImage }}
{{- if .ContainerArgs }}
 Args:		{{ range $arg := .ContainerArgs }}{{ $arg }} {{ end }}
{{- end -}}
{{- if .ContainerEnv }}
 Env:		{{ range $env := .ContainerEnv }}{{ $env }} {{ end }}
{{- end -}}
{{- if .ContainerWorkDir }}
 Dir:		{{ .ContainerWorkDir }}
{{- end -}}
{{- if .HasContainerInit }}
 Init:		{{ .ContainerInit }}
{{- end -}}
{{- if .ContainerUser }}
 User: {{ .ContainerUser }}
{{- end }}
{{- if .HasCapabilities }}
Capabilities:
{{- if .HasCapabilityAdd }}
 Add: {{ .CapabilityAdd }}
{{- end }}
{{- if .HasCapabilityDrop }}
 Drop: {{ .CapabilityDrop }}
{{- end }}
{{- end }}
{{- if .ContainerSysCtls }}
SysCtls:
{{- range $k, $v := .ContainerSysCtls }}
 {{ $k }}{{if $v }}: {{ $v }}{{ end }}
{{- end }}{{ end }}
{{- if .ContainerUlimits }}
Ulimits:
{{- range $k, $v := .ContainerUlimits }}
 {{ $k }}: {{ $v }}
{{- end }}{{ end }}
{{- if .ContainerMounts }}
Mounts:
{{- end }}
{{- range $mount := .ContainerMounts }}
 Target:	{{ $mount.Target }}
  Source:	{{ $mount.Source }}
  ReadOnly:	{{ $mount.ReadOnly }}
  Type:		{{ $mount.Type }}
{{- end -}}
{{- if .Configs}}
Configs:
{{- range $config := .Configs }}
 Target:	{{$config.File.Name}}
  Source:	{{$config.ConfigName}}
{{- end }}{{ end }}
{{- if .Secrets }}
Secrets:
{{- range $secret := .Secrets }}
 Target:	{{$secret.File.Name}}
  Source:	{{$secret.SecretName}}
{{- end }}{{ end }}
{{- if .HasLogDriver }}
Log Driver:
{{- if .HasLogDriverName }}
 Name:		{{ .LogDriverName }}
{{- end }}
{{- if .LogOpts }}
 LogOpts:
{{- range $k, $v := .LogOpts }}
  {{ $k }}{{if $v }}:       {{ $v }}{{ end }}
{{- end }}{{ end }}
{{ end }}
{{- if .HasResources }}
Resources:
{{- if .HasResourceReservations }}
 Reservations:
{{- if gt .ResourceReservationNanoCPUs 0.0 }}
  CPU:		{{ .ResourceReservationNanoCPUs }}
{{- end }}
{{- if .ResourceReservationMemory }}
  Memory:	{{ .ResourceReservationMemory }}
{{- end }}{{ end }}
{{- if .HasResourceLimits }}
 Limits:
{{- if gt .ResourceLimitsNanoCPUs 0.0 }}
  CPU:		{{ .ResourceLimitsNanoCPUs }}
{{- end }}
{{- if .ResourceLimitMemory }}
  Memory:	{{ .ResourceLimitMemory }}
{{- end }}{{ end }}{{ end }}
{{- if gt .ResourceLimitPids 0 }}
  PIDs:		{{ .ResourceLimitPids }}
{{- end }}
{{- if .Networks }}
Networks:
{{- range $network := .Networks }} {{ $network }}{{ end }} {{ end }}
Endpoint Mode:	{{ .EndpointMode }}
{{- if .Ports }}
Ports:
{{- range $port := .Ports }}
 PublishedPort = {{ $port.PublishedPort }}
  Protocol = {{ $port.Protocol }}
  TargetPort = {{ $port.TargetPort }}
  PublishMode = {{ $port.PublishMode }}
{{- end }} {{ end -}}
{{- if .Healthcheck }}
 Healthcheck:
  Interval = {{ .Healthcheck.Interval }}
  Retries = {{ .Healthcheck.Retries }}
  StartPeriod =	{{ .Healthcheck.StartPeriod }}
  Timeout =	{{ .Healthcheck.Timeout }}
  {{- if .Healthcheck.Test }}
  Tests:
	{{- range $test := .Healthcheck.Test }}
	 Test = {{ $test }}
  {{- end }} {{ end -}}
{{- end }}
`;

const compiled = compileTemplate(PRETTY);

/** time.Duration's String() for the whole seconds the defaults use. */
const seconds = (ms: number) => `${ms / 1000}s`;

export function prettyService(svc: SwarmService, networks: readonly SwarmNetwork[], now: number): string {
  const spec = svc.spec;
  const status = svc.updateStatus;
  const ctx = {
    ID: svc.id,
    Name: spec.name,
    Labels: spec.labels,
    IsModeGlobal: spec.mode === 'global',
    IsModeReplicated: spec.mode !== 'global',
    // A *uint64: any value, 0 included, is printed.
    ModeReplicatedReplicas: spec.mode === 'global' ? null : String(spec.mode.replicas),
    HasUpdateStatus: !!status,
    UpdateStatusState: status?.state ?? '',
    HasUpdateStatusStarted: !!status,
    UpdateStatusStarted: status ? `${humanDuration(now - status.started)} ago` : '',
    UpdateIsCompleted: status?.state === 'completed' && status.completed !== null,
    UpdateStatusCompleted: status?.completed != null ? `${humanDuration(now - status.completed)} ago` : '',
    UpdateStatusMessage: status?.message ?? '',
    TaskPlacementConstraints: spec.constraints.length ? spec.constraints : null,
    TaskPlacementPreferences: null,
    MaxReplicas: 0,
    HasUpdateConfig: true,
    UpdateParallelism: 1,
    HasUpdateDelay: false,
    UpdateDelay: '0s',
    UpdateOnFailure: 'pause',
    HasUpdateMonitor: true,
    UpdateMonitor: seconds(5000),
    UpdateMaxFailureRatio: 0,
    UpdateOrder: 'stop-first',
    HasRollbackConfig: true,
    RollbackParallelism: 1,
    HasRollbackDelay: false,
    RollbackDelay: '0s',
    RollbackOnFailure: 'pause',
    HasRollbackMonitor: true,
    RollbackMonitor: seconds(5000),
    RollbackMaxFailureRatio: 0,
    RollbackOrder: 'stop-first',
    ContainerImage: spec.image,
    ContainerArgs: spec.args ?? null,
    ContainerEnv: spec.env.length ? spec.env : null,
    ContainerWorkDir: '',
    HasContainerInit: true,
    ContainerInit: false,
    ContainerUser: '',
    HasCapabilities: false,
    HasCapabilityAdd: false,
    CapabilityAdd: '',
    HasCapabilityDrop: false,
    CapabilityDrop: '',
    ContainerSysCtls: null,
    ContainerUlimits: {},
    ContainerMounts: null,
    Configs: null,
    Secrets: null,
    HasLogDriver: false,
    HasResources: true,
    HasResourceReservations: false,
    HasResourceLimits: false,
    ResourceLimitPids: 0,
    Networks: spec.networks.length ? spec.networks.map((id) => networks.find((n) => n.id === id)?.name ?? id) : null,
    EndpointMode: spec.endpointMode,
    Ports: spec.ports.filter((p) => p.published > 0).map((p) => ({ PublishedPort: p.published, Protocol: p.protocol, TargetPort: p.target, PublishMode: p.mode })),
    Healthcheck: null,
  };
  if (!compiled.ok) return `${compiled.error}\n`;
  const r = compiled.execute(ctx);
  // formatter.Context adds a newline after each service.
  return r.ok ? `${r.text}\n` : `${r.error}\n`;
}
