/**
 * Tab completion of docker, derived from the verb definitions: commands and groups, a group's
 * subcommands, a verb's flags, and the names its arguments and flag values take.
 */
import { describe, expect, it } from 'vitest';
import { newTerm } from './helpers';

describe('docker tab completion', () => {
  it('commands, then a group subcommands, from the command tree', async () => {
    const t = newTerm();
    const s = t.session;
    expect(s.complete('docker ne').candidates).toEqual(['network']);
    expect(s.complete('docker sta').candidates).toEqual(['start', 'stats']);
    // Hidden commands (swarm-manager, experimental) are not offered; listed stubs are, as docker lists them.
    expect(s.complete('docker s').candidates).toEqual(['save', 'search', 'start', 'stats', 'stop', 'swarm', 'system']);
    expect(s.complete('docker network ').candidates).toEqual(['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm']);
    expect(s.complete('docker system ').candidates).toEqual(['df', 'events', 'info', 'prune']);
    expect(s.complete('docker container p').candidates).toEqual(['pause', 'port', 'prune']);
  });

  it("a verb's flags, whichever name reaches it", async () => {
    const s = newTerm().session;
    expect(s.complete('docker stats --no').candidates).toEqual(['--no-stream', '--no-trunc']);
    expect(s.complete('docker container ls --la').candidates).toEqual(['--last', '--latest']);
    expect(s.complete('docker ps --la').candidates).toEqual(['--last', '--latest']);
    // Hidden flags (--net, windows-only ones) are not offered.
    expect(s.complete('docker run --ne').candidates).toEqual(['--network', '--network-alias']);
  });

  it('names: containers, networks, images, by argument position and flag value', async () => {
    const t = newTerm();
    await t.setup('docker network create backend', 'docker run -d --name web nginx', 'docker run -dit --name box alpine');
    const s = t.session;
    expect(s.complete('docker stop w').candidates).toEqual(['web']);
    expect(s.complete('docker network connect b').candidates).toEqual(['backend', 'bridge']);
    expect(s.complete('docker network connect backend b').candidates).toEqual(['box']);
    expect(s.complete('docker run --network ').candidates).toEqual(['backend', 'bridge', 'host', 'none']);
    expect(s.complete('docker run -d --name x ngi').candidates).toEqual(['nginx']);
    // Past the image the words are the container's command.
    expect(s.complete('docker run alpine w').candidates).toEqual([]);
    expect(s.complete('docker exec box w').candidates).toEqual([]);
    expect(s.complete('docker top w').candidates).toEqual(['web']);
  });
});
