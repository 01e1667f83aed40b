import { describe, expect, it } from 'vitest';
import { createRunPlaceTracker, describePlace } from './run-place';

describe('where a Run block runs', () => {
  it('follows lesson 1: docker run -it enters the container, exec -it enters c1, exit comes back', () => {
    const track = createRunPlaceTracker('host1');
    const where = (lines: string[]) => describePlace(track.next(lines));
    expect(where(['docker version'])).toBe('host1');
    expect(where(['docker run -it alpine sh'])).toBe('host1');
    expect(where(['hostname', 'cat /etc/os-release', 'ip a'])).toBe('the alpine container on host1');
    expect(where(['exit'])).toBe('the alpine container on host1');
    expect(where(['docker run -itd --name c1 alpine sh'])).toBe('host1');
    expect(where(['docker exec -it c1 sh', 'hostname', 'exit'])).toBe('host1');
    expect(where(['docker ps'])).toBe('host1');
    expect(where(['docker exec -it c1 sh'])).toBe('host1');
    expect(where(['ip a'])).toBe('container c1 on host1');
  });

  it('does not enter a container for detached runs, one-off commands or exec without a shell', () => {
    const track = createRunPlaceTracker('host1');
    for (const line of ['docker run -d --name web nginx', 'docker run -it --rm alpine ping -c1 8.8.8.8', 'docker exec -it web cat /etc/hosts', 'docker run -dit --name x alpine']) {
      expect(describePlace(track.next([line])), line).toBe('host1');
    }
    expect(describePlace(track.next(['docker ps']))).toBe('host1');
  });

  it('names the container from --name, and ssh moves to another host', () => {
    const track = createRunPlaceTracker('host1');
    track.next(['ssh host2', 'docker run -it --name box --network my_net busybox']);
    expect(describePlace(track.next(['ip a']))).toBe('container box on host2');
    track.next(['exit']);
    expect(describePlace(track.next(['docker ps']))).toBe('host2');
    track.next(['exit']);
    expect(describePlace(track.next(['docker ps']))).toBe('host1');
  });

  it('keeps a place per host tab: a host=host2 block continues where host2 was left', () => {
    const track = createRunPlaceTracker('host1');
    const where = (lines: string[], tab?: string) => describePlace(track.next(lines, tab));
    expect(where(['docker exec -it c1 sh'])).toBe('host1');
    expect(where(['docker swarm join --token x 192.168.1.11:2377'], 'host2')).toBe('host2');
    expect(where(['docker run -it --name box alpine'], 'host2')).toBe('host2');
    // host1's tab is still in c1; host2's is in box.
    expect(where(['ip a'])).toBe('container c1 on host1');
    expect(where(['ip a', 'exit'], 'host2')).toBe('container box on host2');
    expect(where(['docker ps'], 'host2')).toBe('host2');
    expect(where(['exit'])).toBe('container c1 on host1');
    expect(where(['docker ps'])).toBe('host1');
    expect(where(['docker ps'], 'host3')).toBe('host3');
  });
});
