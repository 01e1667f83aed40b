import { stubVerb, type Verb } from '../cli/verb';
import { ERR_NO_MANAGER, ERR_NOT_MANAGER } from '../../../docker/api';
import type { SwarmStatus } from '../cli/swarm-status';
import type { Group } from '../cli/tree';

/**
 * What docker 28.5 has and the lab leaves out. They are listed in help as docker lists them
 * (docker/cli@v28.5.2 cli/command/commands/commands.go and each group's cmd.go), and any use
 * prints one `sim:` line.
 */
export const STUB_VERBS: Verb[] = [
  stubVerb('bake', 'Build from a file', { top: 5 }),
  stubVerb('login', 'Authenticate to a registry', { top: 8 }),
  stubVerb('logout', 'Log out from a registry', { top: 9 }),
  stubVerb('search', 'Search Docker Hub for images', { top: 10 }),
  stubVerb('container commit', "Create a new image from a container's changes", { shortcut: 'commit' }),
  stubVerb('container cp', 'Copy files/folders between a container and the local filesystem', { shortcut: 'cp' }),
  stubVerb('container diff', "Inspect changes to files or directories on a container's filesystem", { shortcut: 'diff' }),
  stubVerb('container export', "Export a container's filesystem as a tar archive", { shortcut: 'export' }),
  stubVerb('container update', 'Update configuration of one or more containers', { shortcut: 'update' }),
  stubVerb('image build', 'Build an image from a Dockerfile', { shortcut: 'build', top: 4, aliasLine: 'docker image build, docker build, docker builder build' }),
  stubVerb('image import', 'Import the contents from a tarball to create a filesystem image', { shortcut: 'import' }),
  stubVerb('image load', 'Load an image from a tar archive or STDIN', { shortcut: 'load' }),
  stubVerb('image push', 'Upload an image to a registry', { shortcut: 'push', top: 6 }),
  stubVerb('image save', 'Save one or more images to a tar archive (streamed to STDOUT by default)', { shortcut: 'save' }),
  stubVerb('image tag', 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', { shortcut: 'tag' }),
  // Docker Desktop's plugins: not on a Debian docker-ce host, but tutorials name them.
  stubVerb('init', 'Creates Docker-related starter files for your project', { hidden: true }),
  stubVerb('scout', 'Docker Scout', { hidden: true }),
  stubVerb('debug', 'Get a shell into any container or image', { hidden: true }),
  stubVerb('swarm ca', 'Display and rotate the root CA', { swarm: 'manager' }),
  stubVerb('swarm unlock', 'Unlock swarm', { swarm: 'manager' }),
  stubVerb('swarm unlock-key', 'Manage the unlock key', { swarm: 'manager' }),
];

const sim = (name: string) => `sim: 'docker ${name}' is not part of this lab`;

/**
 * A swarm-manager group the lab leaves out: on a manager it is a `sim:` line; elsewhere the
 * daemon's own refusal comes first, as it would (the commands are hidden there, yet they run).
 */
const managerOnly = (name: string) => (status: SwarmStatus | null) => {
  if (status?.controlAvailable) return sim(name);
  return `Error response from daemon: ${status?.nodeState === 'active' ? ERR_NOT_MANAGER : ERR_NO_MANAGER}`;
};

export const GROUPS: Group[] = [
  { name: 'builder', short: 'Manage builds', section: 'management', answer: sim('builder') },
  { name: 'buildx', short: 'Docker Buildx', section: 'management', plugin: true, answer: sim('buildx') },
  // Hidden unless the daemon runs with experimental features (cmd/docker/docker.go hideUnsupportedFeatures).
  { name: 'checkpoint', short: 'Manage checkpoints', section: 'management', hidden: true, answer: sim('checkpoint') },
  { name: 'compose', short: 'Docker Compose', section: 'management', plugin: true, answer: sim('compose') },
  { name: 'container', short: 'Manage containers', section: 'management' },
  { name: 'context', short: 'Manage contexts', section: 'management', answer: sim('context') },
  { name: 'image', short: 'Manage images', section: 'management' },
  { name: 'manifest', short: 'Manage Docker image manifests and manifest lists', section: 'management', answer: sim('manifest') },
  { name: 'network', short: 'Manage networks', section: 'management' },
  { name: 'plugin', short: 'Manage plugins', section: 'management', answer: sim('plugin') },
  { name: 'system', short: 'Manage Docker', section: 'management' },
  { name: 'trust', short: 'Manage trust on Docker images', section: 'management', answer: sim('trust') },
  { name: 'volume', short: 'Manage volumes', section: 'management', answer: sim('volume') },
  // swarm=manager commands are hidden on a node that is not a swarm manager.
  { name: 'config', short: 'Manage Swarm configs', section: 'swarm', swarm: 'manager', answer: managerOnly('config') },
  { name: 'node', short: 'Manage Swarm nodes', section: 'swarm', swarm: 'manager' },
  { name: 'secret', short: 'Manage Swarm secrets', section: 'swarm', swarm: 'manager', answer: managerOnly('secret') },
  { name: 'service', short: 'Manage Swarm services', section: 'swarm', swarm: 'manager' },
  { name: 'stack', short: 'Manage Swarm stacks', section: 'swarm', swarm: 'manager', answer: managerOnly('stack') },
  { name: 'swarm', short: 'Manage Swarm', section: 'swarm', swarm: '' },
];
