import { describe, expect, it } from 'vitest';
import type { GoalInput } from '@/engine';
import { probeRequest } from './probe-request';

describe('probeRequest', () => {
  const goal: GoalInput = {
    probes: [
      { id: 'app-gets-web-page', http: { from: 'app', url: 'http://web:8080/x', status: 200 } },
      { reach: { from: 'web', to: 'db', by: 'address', expect: 'blocked' } },
      { reach: { from: 'c1', to: 'api@host2', via: 'tcp', expect: 'reachable' } },
      { resolve: { from: 'db', name: 'web', expect: 'fails' } },
      { http: { from: 'laptop', url: 'http://{node}:8080/', eachNode: true, status: 200 } },
    ],
  };

  it('finds a probe by its id or its index and asks for the same packet', () => {
    expect(probeRequest(goal, 'probes.app-gets-web-page')).toEqual({ from: 'app', to: 'web', port: 8080, proto: 'tcp' });
    expect(probeRequest(goal, 'probes.1')).toEqual({ from: 'web', to: 'db', by: 'address', proto: 'icmp' });
    expect(probeRequest(goal, 'probes.2')).toEqual({ from: 'c1', to: 'api@host2', by: 'name', port: 80, proto: 'tcp' });
    expect(probeRequest(goal, 'probes.3')).toEqual({ from: 'db', to: 'web' });
    expect(probeRequest(goal, 'probes.4', '192.168.1.11')).toEqual({ from: 'laptop', to: '192.168.1.11', port: 8080, proto: 'tcp' });
  });

  it('is null for other criteria and unknown probes', () => {
    expect(probeRequest(goal, 'containers.app.state')).toBeNull();
    expect(probeRequest(goal, 'probes.9')).toBeNull();
    expect(probeRequest(goal, 'probes.nope')).toBeNull();
  });
});
