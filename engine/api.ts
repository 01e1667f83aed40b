import type { WorldSpecInput } from './world/spec';

/**
 * The public face of the simulated world. Everything outside engine/ (the browser terminal,
 * the `npm run lab` console, tests, the checker's callers) talks to the engine through these
 * types and the functions exported from engine/index.ts, never through internals.
 */

/** Which stream a chunk of output belongs to; the terminal shows both, tests may tell them apart. */
export type Stream = 'stdout' | 'stderr';

export interface RunIO {
  /** Called for every chunk as it is produced (lines end in "\n"; the terminal converts to CRLF). */
  onOutput?: (chunk: string, stream: Stream) => void;
  /** Aborting it is Ctrl-C: a streaming command (ping without -c, an attached server) stops and prints "^C". */
  signal?: AbortSignal;
  /**
   * Answers an interactive question such as `docker network prune`'s "[y/N]" prompt.
   * Without it the question is answered with an empty line (that is, "no").
   */
  readLine?: (prompt: string) => Promise<string | null>;
  /**
   * The caller can show a continuation prompt (`> `). Then input that needs more lines (an open
   * quote, `if` without `fi`, a here-document) runs nothing and resolves with `incomplete: true`:
   * call run() again with the text so far, a newline and the next line. Without it, such input is
   * the shell's end-of-input syntax error, as in a script.
   */
  continuation?: boolean;
}

export interface RunResult {
  exitCode: number;
  /** stdout and stderr as the terminal showed them, in order. At most the last 1 MiB of it is kept
   * (an endless loop cannot grow it without bound); onOutput sees every chunk. */
  output: string;
  /** The line asked the terminal to clear its screen (`clear`, Ctrl-L). */
  clear: boolean;
  /** Only with `continuation`: the input is not complete yet and nothing ran (show `> `). */
  incomplete?: boolean;
}

export interface Completion {
  /** Candidates that complete the word under the cursor (whole words, not suffixes). */
  candidates: string[];
  /** Index in the line where the word being completed starts. */
  start: number;
}

export interface Session {
  readonly id: string;
  /** The prompt to print before the next line, e.g. "root@host1:~# " or "/ # " inside a container. */
  prompt(): string;
  /** The host the session is on (after `ssh host2` it is host2). */
  host(): string;
  /** Name of the container the session is inside, if any. */
  container(): string | null;
  run(line: string, io?: RunIO): Promise<RunResult>;
  complete(line: string, cursor?: number): Completion;
  /** Lines run in this session, oldest first (what `history` prints). */
  history(): readonly string[];
  /**
   * Ctrl-P Ctrl-Q: leaves the container's terminal without stopping it (Docker's detach keys).
   * Returns what the terminal prints ("read escape sequence"), or null outside a container.
   */
  detach(): string | null;
  /**
   * Where the session is (host, ssh hops, the container shell it is in), as JSON to save beside
   * a snapshot and pass back to `openSession` after a reload.
   */
  place(): unknown;
}

export type LabEvent =
  | { type: 'changed' }
  | { type: 'output'; sessionId: string; chunk: string; stream: Stream };

export interface LabOptions {
  /** Docker hosts on the LAN, e.g. ["host1", "host2"]: shorthand for `world: { hosts }`. Default ["host1"]. */
  hosts?: string[];
  /**
   * The whole world as data (engine/world/spec.ts, docs/world.schema.json): hosts, machines,
   * segments with VLANs, the router, the internet. Validated; a bad one makes createLab throw
   * an Error naming each bad field. Not together with `hosts`.
   */
  world?: WorldSpecInput;
  /** Seed for ids, MACs and names: the same seed and commands give the same transcript. */
  seed?: number;
  /**
   * "instant": virtual time jumps (tests, scripts). "realtime": a streaming command such as
   * `ping` waits about a real second between replies (the browser terminal).
   */
  pacing?: 'instant' | 'realtime';
}

/** A JSON-serialisable copy of the whole world. */
export interface LabSnapshot {
  format: 'docknet-lab';
  version: number;
  state: unknown;
}

export type RestoreResult = { ok: true; lab: Lab } | { ok: false; error: string };

export interface SessionOptions {
  /** Lines to seed the session's history with (a terminal restored after a reload). */
  history?: readonly string[];
  /** A `session.place()` saved earlier: the session reopens there, as far as it still exists. */
  place?: unknown;
}

export interface Lab {
  readonly hosts: readonly string[];
  openSession(host?: string, options?: SessionOptions): Session;
  /** Called after every state change (container started, network created, ...). Returns an unsubscribe. */
  subscribe(listener: (event: LabEvent) => void): () => void;
  snapshot(): LabSnapshot;
  topology(): Topology;
}

/** A view model of the world for the topology picture and its text twin. Plain data. */
export interface Topology {
  /** `machines`: the other computers on the LAN (a laptop), not Docker hosts. */
  lan: { subnet: string; gateway: string; machines: TopologyMachine[] };
  hosts: TopologyHost[];
}

export interface TopologyMachine {
  name: string;
  address: string;
}

export interface TopologyHost {
  name: string;
  /** The host's LAN address on eth0. */
  address: string;
  swarm: 'inactive' | 'manager' | 'worker';
  networks: TopologyNetwork[];
  containers: TopologyContainer[];
}

export interface TopologyNetwork {
  id: string;
  name: string;
  driver: string;
  scope: 'local' | 'swarm';
  /** Linux device carrying it on the host: docker0, br-1a2b3c4d5e6f, eth0.10, ... (null for host/none). */
  device: string | null;
  subnet: string | null;
  gateway: string | null;
  internal: boolean;
}

export interface TopologyEndpoint {
  networkId: string;
  networkName: string;
  /** Interface inside the container (eth0, eth1...). */
  iface: string;
  /** Host-side veth, for bridge networks. */
  hostVeth: string | null;
  ipv4: string | null;
  mac: string | null;
  aliases: string[];
}

export interface TopologyPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export interface TopologyContainer {
  id: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead';
  /** "bridge", "host", "none", "container:<name>", or a user network name. */
  networkMode: string;
  endpoints: TopologyEndpoint[];
  ports: TopologyPort[];
}
