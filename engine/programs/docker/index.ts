import type { Program } from '../../shell/types';
import { CONTAINER_SUBCOMMANDS, IMAGE_SUBCOMMANDS } from './cli/specs';
import { requireDocker } from './common';
import { attachCmd, execCmd, logsCmd, portCmd } from './exec';
import { historyCmd, imagesCmd, pullCmd, rmiCmd } from './images';
import { inspectCmd } from './inspect';
import { killCmd, pauseCmd, renameCmd, rmCmd, startCmd, stopCmd } from './lifecycle';
import { networkCmd } from './network';
import { psCmd } from './ps';
import { runOrCreate } from './run';
import { infoCmd, versionCmd, ENGINE_VERSION } from './system';

/** The docker CLI: global flags, then one command module per verb. */

const HELP = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  exec        Execute a command in a running container
  ps          List containers
  build       Build an image from a Dockerfile
  pull        Download an image from a registry
  push        Upload an image to a registry
  images      List images
  login       Authenticate to a registry
  logout      Log out from a registry
  search      Search Docker Hub for images
  version     Show the Docker version information
  info        Display system-wide information

Management Commands:
  builder     Manage builds
  buildx*     Docker Buildx
  compose*    Docker Compose
  container   Manage containers
  context     Manage contexts
  image       Manage images
  manifest    Manage Docker image manifests and manifest lists
  network     Manage networks
  plugin      Manage plugins
  system      Manage Docker
  trust       Manage trust on Docker images
  volume      Manage volumes

Swarm Commands:
  config      Manage Swarm configs
  node        Manage Swarm nodes
  secret      Manage Swarm secrets
  service     Manage Swarm services
  stack       Manage Swarm stacks
  swarm       Manage Swarm

Commands:
  attach      Attach local standard input, output, and error streams to a running container
  commit      Create a new image from a container's changes
  cp          Copy files/folders between a container and the local filesystem
  create      Create a new container
  diff        Inspect changes to files or directories on a container's filesystem
  events      Get real time events from the server
  export      Export a container's filesystem as a tar archive
  history     Show the history of an image
  import      Import the contents from a tarball to create a filesystem image
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  load        Load one or more images from a tar archive (streamed from STDIN by default)
  logs        Fetch the logs of a container
  pause       Pause all processes within one or more containers
  port        List port mappings or a specific mapping for the container
  rename      Rename a container
  restart     Restart one or more containers
  rm          Remove one or more containers
  rmi         Remove one or more images
  save        Save one or more images to a tar archive (streamed to STDOUT by default)
  start       Start one or more stopped containers
  stats       Display a live stream of container(s) resource usage statistics
  stop        Stop one or more running containers
  tag         Create a tag TARGET_IMAGE referencing IMAGE
  top         Display the running processes of a container
  unpause     Unpause all processes within one or more containers
  update      Update configuration of one or more containers
  wait        Block until one or more containers stop, then print their exit codes

Global Options:
      --config string      Location of client config files (default "/root/.docker")
  -c, --context string     Name of the context to use to connect to the daemon
  -D, --debug              Enable debug mode
  -H, --host string        Daemon socket to connect to
  -l, --log-level string   Set the logging level ("debug", "info", "warn", "error", "fatal") (default "info")
  -v, --version            Print version information and quit

Run 'docker COMMAND --help' for more information on a command.

For more help on how to use Docker, head to https://docs.docker.com/go/guides/
`;

const KNOWN_BUT_ABSENT = new Set([
  'build', 'builder', 'buildx', 'compose', 'commit', 'cp', 'diff', 'events', 'export', 'import', 'load', 'save', 'login',
  'logout', 'search', 'push', 'tag', 'top', 'stats', 'update', 'wait', 'volume', 'context', 'manifest', 'plugin', 'trust',
  'config', 'node', 'secret', 'service', 'stack', 'swarm', 'system', 'init', 'scout', 'debug',
]);

export const docker: Program = async (p) => {
  let argv = p.argv.slice(1);
  // Global options.
  while (argv[0]?.startsWith('-')) {
    const g = argv[0];
    if (g === '-v' || g === '--version') {
      p.out(`Docker version ${ENGINE_VERSION}, build ecc6942\n`);
      return 0;
    }
    if (g === '-h' || g === '--help') {
      p.out(HELP);
      return 0;
    }
    if (g === '-D' || g === '--debug') {
      argv = argv.slice(1);
      continue;
    }
    if (['-H', '--host', '-c', '--context', '-l', '--log-level', '--config'].includes(g)) {
      argv = argv.slice(2);
      continue;
    }
    p.err(`unknown flag: ${g}\nSee 'docker --help'.\n\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n`);
    return 125;
  }
  let [cmd, ...rest] = argv;
  if (cmd === undefined) {
    p.out(HELP);
    return 0;
  }
  if (cmd === 'help') {
    p.out(HELP);
    return 0;
  }
  if (cmd === 'container' || cmd === 'image') {
    const map = cmd === 'container' ? CONTAINER_SUBCOMMANDS : IMAGE_SUBCOMMANDS;
    const sub = rest[0];
    if (sub === undefined || sub === '--help') {
      p.out(`\nUsage:  docker ${cmd} COMMAND\n\nManage ${cmd}s\n\nCommands:\n${Object.keys(map).sort().map((k) => `  ${k}`).join('\n')}\n\nRun 'docker ${cmd} COMMAND --help' for more information on a command.\n`);
      return 0;
    }
    const target = map[sub];
    if (!target) {
      p.err(`docker: unknown command: docker ${cmd} ${sub}\n\nUsage:  docker ${cmd} COMMAND\n\nRun 'docker ${cmd} --help' for more information\n`);
      return 1;
    }
    if (target.includes(' ')) {
      p.err(`sim: 'docker ${cmd} ${sub}' is not part of this lab\n`);
      return 1;
    }
    cmd = target;
    rest = rest.slice(1);
    if (sub === 'inspect') return withDocker(p, (d) => inspectCmd(p, d, rest, cmd === 'inspect' && argv[0] === 'image' ? 'image' : 'container'));
  }
  switch (cmd) {
    case 'run':
    case 'create':
      return withDocker(p, (d) => runOrCreate(p, d, rest, cmd as 'run' | 'create'));
    case 'ps':
      return withDocker(p, (d) => psCmd(p, d, rest));
    case 'inspect':
      return withDocker(p, (d) => inspectCmd(p, d, rest));
    case 'exec':
      return withDocker(p, (d) => execCmd(p, d, rest));
    case 'start':
      return withDocker(p, (d) => startCmd(p, d, rest));
    case 'stop':
    case 'restart':
      return withDocker(p, (d) => stopCmd(p, d, rest, cmd as 'stop' | 'restart'));
    case 'kill':
      return withDocker(p, (d) => killCmd(p, d, rest));
    case 'rm':
      return withDocker(p, (d) => rmCmd(p, d, rest));
    case 'rename':
      return withDocker(p, (d) => renameCmd(p, d, rest));
    case 'pause':
    case 'unpause':
      return withDocker(p, (d) => pauseCmd(p, d, rest, cmd as 'pause' | 'unpause'));
    case 'attach':
      return withDocker(p, (d) => attachCmd(p, d, rest));
    case 'logs':
      return withDocker(p, (d) => logsCmd(p, d, rest));
    case 'port':
      return withDocker(p, (d) => portCmd(p, d, rest));
    case 'images':
      return withDocker(p, (d) => imagesCmd(p, d, rest));
    case 'history':
      return withDocker(p, (d) => historyCmd(p, d, rest));
    case 'pull':
      return withDocker(p, (d) => pullCmd(p, d, rest));
    case 'rmi':
      return withDocker(p, (d) => rmiCmd(p, d, rest));
    case 'info':
      return withDocker(p, (d) => infoCmd(p, d, rest));
    case 'version':
      return withDocker(p, () => versionCmd(p, rest));
    case 'network':
      return withDocker(p, (d) => networkCmd(p, d, rest));
    default:
      if (KNOWN_BUT_ABSENT.has(cmd)) {
        p.err(`sim: 'docker ${cmd}' is not part of this lab\n`);
        return 1;
      }
      p.err(`docker: unknown command: docker ${cmd}\n\nRun 'docker --help' for more information\n`);
      return 1;
  }
};

async function withDocker(p: Parameters<Program>[0], fn: (ctx: NonNullable<ReturnType<typeof requireDocker>>) => number | Promise<number>): Promise<number> {
  const ctx = requireDocker(p);
  if (!ctx) return 1;
  return fn(ctx);
}
