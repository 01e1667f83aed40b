/**
 * `docker swarm` and `docker node` as a learner meets them on a three-host lab: the texts of
 * docker/cli@v28.5.2 cli/command/swarm/*.go and cli/command/node/*.go (and their testdata
 * goldens), the daemon's refusals from moby@v28.5.2 daemon/cluster/*.go, and the commands the
 * CLI hides by swarm state (cmd/docker/docker.go hideUnsupportedFeatures).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../index';
import { Term } from './helpers';

function lab3(hosts = ['host1', 'host2', 'host3']): Term[] {
  const lab = createLab({ seed: 1, hosts });
  return hosts.map((h) => new Term(lab, lab.openSession(h)));
}

const ID = '[0-9a-z]{25}';
const TOKEN = 'SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}';

async function swarm3(): Promise<Term[]> {
  const [m, w1, w2] = lab3();
  await m!.setup('docker swarm init');
  const token = (await m!.run('docker swarm join-token -q worker')).out.trim();
  await w1!.setup(`docker swarm join --token ${token} 192.168.1.11:2377`);
  await w2!.setup(`docker swarm join --token ${token} 192.168.1.11:2377`);
  return [m!, w1!, w2!];
}

describe('docker swarm init / join-token / join (cli/command/swarm/init.go, join_token.go, join.go)', () => {
  it('init prints the node, the one-line join command indented by four, and where to find the manager token', async () => {
    const [m] = lab3();
    const r = await m!.run('docker swarm init');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(
      new RegExp(
        `^Swarm initialized: current node \\(${ID}\\) is now a manager\\.\\n\\n` +
          `To add a worker to this swarm, run the following command:\\n\\n    docker swarm join --token ${TOKEN} 192\\.168\\.1\\.11:2377\\n\\n` +
          "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions\\.\\n$",
      ),
    );
    // The node ID printed is this node's, the one `docker info` and `node ls` show.
    const id = /node \(([0-9a-z]+)\)/.exec(r.out)![1];
    expect((await m!.run("docker info --format '{{.Swarm.NodeID}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'")).out).toBe(`${id} active true\n`);
    expect((await m!.run('docker node ls -q')).out).toBe(`${id}\n`);
  });

  it('join-token has no leading blank line, -q prints only the token, --rotate says so and the old token stops working', async () => {
    const [m, w] = lab3();
    await m!.setup('docker swarm init');
    const worker = await m!.run('docker swarm join-token worker');
    expect(worker.out).toMatch(new RegExp(`^To add a worker to this swarm, run the following command:\\n\\n    docker swarm join --token ${TOKEN} 192\\.168\\.1\\.11:2377\\n\\n$`));
    const manager = await m!.run('docker swarm join-token manager');
    expect(manager.out).toMatch(/^To add a manager to this swarm, run the following command:\n\n {4}docker swarm join --token SWMTKN-1-/);
    const wq = (await m!.run('docker swarm join-token -q worker')).out.trim();
    const mq = (await m!.run('docker swarm join-token -q manager')).out.trim();
    expect(wq).toHaveLength(85);
    // Both tokens carry the root CA's digest; only the secret differs (swarmkit ca/config.go).
    expect(wq.split('-')[2]).toBe(mq.split('-')[2]);
    expect(wq).not.toBe(mq);
    const rot = await m!.run('docker swarm join-token --rotate worker');
    expect(rot.out).toMatch(/^Successfully rotated worker join token\.\n\nTo add a worker to this swarm, run the following command:\n\n {4}docker swarm join --token /);
    const fresh = (await m!.run('docker swarm join-token -q worker')).out.trim();
    expect(fresh).not.toBe(wq);
    const old = await w!.run(`docker swarm join --token ${wq} 192.168.1.11:2377`);
    expect(old.err).toBe('Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster\n');
    expect(old.code).toBe(1);
    expect((await m!.run('docker swarm join-token admin')).err).toBe('unknown role admin\n');
  });

  it('join as a worker or a manager, and the refusals: a second swarm, a bad token, nobody listening', async () => {
    const [m, w1, w2] = lab3();
    await m!.setup('docker swarm init');
    const wt = (await m!.run('docker swarm join-token -q worker')).out.trim();
    const mt = (await m!.run('docker swarm join-token -q manager')).out.trim();
    expect(await w1!.run(`docker swarm join --token ${wt} 192.168.1.11:2377`)).toMatchObject({ out: 'This node joined a swarm as a worker.\n', code: 0 });
    expect((await w2!.run(`docker swarm join --token ${mt} 192.168.1.11`)).out).toBe('This node joined a swarm as a manager.\n');
    expect((await w1!.run(`docker swarm join --token ${wt} 192.168.1.11:2377`)).err).toBe(
      'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n',
    );
    expect((await m!.run('docker swarm init')).err).toBe(
      'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n',
    );
    const [, other] = lab3();
    expect((await other!.run('docker swarm join --token nonsense 192.168.1.11:2377')).err).toBe('Error response from daemon: invalid join token\n');
    // host3 runs no manager: nothing listens on 2377 there.
    const refused = await other!.run(`docker swarm join --token ${wt} 192.168.1.13:2377`);
    expect(refused.err).toBe(
      'Error response from daemon: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 192.168.1.13:2377: connect: connection refused"\n',
    );
  });

  it('a firewall that drops 2377 makes the join wait out the 20 s timeout (moby daemon/cluster/cluster.go swarmConnectTimeout)', async () => {
    const [m, w] = lab3();
    await m!.setup('docker swarm init', 'iptables -I INPUT -p tcp --dport 2377 -j DROP');
    const token = (await m!.run('docker swarm join-token -q worker')).out.trim();
    const before = Number((await w!.run('date +%s')).out);
    const r = await w!.run(`docker swarm join --token ${token} 192.168.1.11:2377`);
    const after = Number((await w!.run('date +%s')).out);
    expect(r.err).toBe(
      'Error response from daemon: Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.\n',
    );
    expect(r.code).toBe(1);
    expect(after - before).toBeGreaterThanOrEqual(20);
  });

  it('init checks its flags as the CLI and the daemon do', async () => {
    const [m] = lab3();
    expect((await m!.run('docker swarm init --availability bogus')).err).toBe('invalid availability "bogus", only active, pause and drain are supported\n');
    expect((await m!.run('docker swarm init --advertise-addr 0.0.0.0')).err).toBe(
      'Error response from daemon: advertise address must be a non-zero IP address or network interface (with optional port number)\n',
    );
    expect((await m!.run('docker swarm init --data-path-port 80')).err).toBe('Error response from daemon: Datapath port number is not in valid range (1024-49151) : 80\n');
    expect((await m!.run('docker swarm init --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 30')).err).toBe(
      'Error response from daemon: subnet size is out of range: 30\n',
    );
    expect((await m!.run('docker swarm init --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 8')).err).toBe(
      'Error response from daemon: invalid CIDR: "10.20.0.0/16". Subnet size is too small for pool: 8\n',
    );
    expect((await m!.run('docker info --format "{{.Swarm.LocalNodeState}}"')).out).toBe('inactive\n');
    await m!.setup('docker swarm init --advertise-addr eth0 --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 26 --data-path-port 7789');
    const info = (await m!.run('docker info')).out;
    expect(info).toContain('  Default Address Pool: 10.20.0.0/16  \n  SubnetSize: 26\n  Data Path Port: 7789\n');
    expect(info).toContain('  Node Address: 192.168.1.11\n  Manager Addresses:\n   192.168.1.11:2377\n');
  });
});

describe('what the CLI lists depends on the swarm state (cmd/docker/docker.go hideUnsupportedFeatures)', () => {
  it('outside a swarm only init and join are listed, and manager commands refuse with the daemon text', async () => {
    const [m] = lab3();
    expect((await m!.run('docker --help')).out).toContain('Swarm Commands:\n  swarm       Manage Swarm\n\nCommands:\n');
    expect((await m!.run('docker swarm --help')).out).toContain('Commands:\n  init        Initialize a swarm\n  join        Join a swarm as a node and/or manager\n\n');
    const noManager = 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n';
    expect((await m!.run('docker node ls')).err).toBe(noManager);
    expect((await m!.run('docker secret ls')).err).toBe(noManager);
    expect((await m!.run('docker swarm join-token worker')).err).toBe(noManager);
    expect((await m!.run('docker swarm leave')).err).toBe('Error response from daemon: This node is not part of a swarm\n');
    expect(m!.session.complete('docker swarm ').candidates).toEqual(['init', 'join']);
  });

  it('a worker lists leave but not the manager commands; a manager lists them all', async () => {
    const [m, w] = await swarm3();
    expect((await w!.run('docker swarm --help')).out).toContain(
      'Commands:\n  init        Initialize a swarm\n  join        Join a swarm as a node and/or manager\n  leave       Leave the swarm\n\n',
    );
    const workerRoot = (await w!.run('docker --help')).out;
    expect(workerRoot).toContain('Swarm Commands:\n  swarm       Manage Swarm\n\n');
    const managerRoot = (await m!.run('docker --help')).out;
    expect(managerRoot).toContain(
      'Swarm Commands:\n  config      Manage Swarm configs\n  node        Manage Swarm nodes\n  secret      Manage Swarm secrets\n  service     Manage Swarm services\n  stack       Manage Swarm stacks\n  swarm       Manage Swarm\n',
    );
    const worker = "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n";
    expect((await w!.run('docker node ls')).err).toBe(worker);
    expect((await w!.run('docker config ls')).err).toBe(worker);
    expect((await m!.run('docker config ls')).err).toBe("sim: 'docker config' is not part of this lab\n");
    expect(m!.session.complete('docker no').candidates).toEqual(['node']);
  });
});

describe('docker node (cli/command/node/*.go)', () => {
  it('node ls: the golden format, * beside this node, natural hostname order, filters', async () => {
    const [m, a, b] = lab3(['host1', 'host10', 'host2']);
    await m!.setup('docker swarm init');
    const token = (await m!.run('docker swarm join-token -q worker')).out.trim();
    await a!.setup(`docker swarm join --token ${token} 192.168.1.11:2377`);
    await b!.setup(`docker swarm join --token ${token} 192.168.1.11:2377`);
    const ls = (await m!.run('docker node ls')).out.split('\n');
    expect(ls[0]).toBe('ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION');
    expect(ls[1]).toMatch(new RegExp(`^${ID} \\* {3}host1 {6}Ready {5}Active {9}Leader {11}28\\.5\\.2$`));
    expect(ls[2]).toMatch(new RegExp(`^${ID} {5}host2 {6}Ready {5}Active {26}28\\.5\\.2$`));
    expect(ls[3]).toMatch(/ host10 /);
    expect((await m!.run('docker node ls --filter role=manager -q')).out.split('\n').filter(Boolean)).toHaveLength(1);
    expect((await m!.run("docker node ls -f role=worker --format '{{.Hostname}}'")).out).toBe('host2\nhost10\n');
    expect((await m!.run("docker node ls -f name=host1 --format '{{.Hostname}} {{.Self}}'")).out).toBe('host1 true\nhost10 false\n');
    expect((await m!.run('docker node ls -f role=boss')).err).toBe("Error response from daemon: Invalid role filter: 'boss'\n");
    expect((await m!.run('docker node ls -f color=red')).err).toBe("Error response from daemon: invalid filter 'color'\n");
  });

  it('update, promote, demote: the texts, the labels, drain, and the daemon refusals', async () => {
    const [m] = await swarm3();
    expect((await m!.run('docker node update --availability drain --label-add zone=east --label-add __proto__=x host2')).out).toBe('host2\n');
    expect((await m!.run("docker node inspect host2 --format '{{.Spec.Availability}} {{json .Spec.Labels}}'")).out).toBe('drain {"__proto__":"x","zone":"east"}\n');
    expect((await m!.run('docker node update --label-rm zone host2')).code).toBe(0);
    expect((await m!.run("docker node inspect host2 --format '{{json .Spec.Labels}}'")).out).toBe('{"__proto__":"x"}\n');
    expect((await m!.run('docker node update --availability sleepy host2')).err).toBe('Error response from daemon: invalid Availability: "sleepy"\n');
    expect((await m!.run('docker node update --role boss host2')).err).toBe('Error response from daemon: invalid Role: "boss"\n');
    expect((await m!.run("docker node ls -f name=host2 --format '{{.Availability}}'")).out).toBe('Drain\n');

    expect((await m!.run('docker node promote host2')).out).toBe('Node host2 promoted to a manager in the swarm.\n');
    expect((await m!.run('docker node promote host2')).out).toMatch(new RegExp(`^Node ${ID} is already a manager\\.\\n$`));
    expect((await m!.run("docker node ls -f name=host2 --format '{{.ManagerStatus}}'")).out).toBe('Reachable\n');
    expect((await m!.run('docker node demote host2 host3')).out).toMatch(new RegExp(`^Manager host2 demoted in the swarm\\.\\nNode ${ID} is already a worker\\.\\n$`));
    expect((await m!.run('docker node demote host1')).err).toBe(
      'Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm\n',
    );
    expect((await m!.run('docker node update --role manager host3')).out).toBe('host3\n');
    expect((await m!.run("docker node ls -f role=manager --format '{{.Hostname}}'")).out).toBe('host1\nhost3\n');
    expect((await m!.run('docker node promote nosuch')).err).toBe('Error response from daemon: node nosuch not found\n');
  });

  it('leave: managers are refused without --force (the last-manager text ends in a space), workers go Down, rm needs them down', async () => {
    const [m, w1] = await swarm3();
    expect((await m!.run('docker swarm leave')).err).toBe(
      'Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. \n',
    );
    const rmLive = await m!.run('docker node rm host2');
    expect(rmLive.err).toMatch(new RegExp(`^Error response from daemon: rpc error: code = FailedPrecondition desc = node ${ID} is not down and can't be removed\\n$`));
    expect(rmLive.code).toBe(1);
    expect((await w1!.run('docker swarm leave')).out).toBe('Node left the swarm.\n');
    expect((await w1!.run("docker info --format '{{.Swarm.LocalNodeState}}'")).out).toBe('inactive\n');
    expect((await m!.run("docker node ls --format '{{.Hostname}} {{.Status}}'")).out).toBe('host1 Ready\nhost2 Down\nhost3 Ready\n');
    const rm = await m!.run('docker node rm host2 nosuch');
    expect(rm.out).toBe('host2\n');
    expect(rm.err).toBe('Error response from daemon: node nosuch not found\n');
    expect(rm.code).toBe(1);
    expect((await m!.run('docker node update --role manager host3')).code).toBe(0);
    expect((await m!.run('docker swarm leave')).err).toBe(
      'Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves 1 managers out of 2. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.\n',
    );
    expect((await m!.run('docker swarm leave --force')).out).toBe('Node left the swarm.\n');
  });

  it('node inspect: Go field order, self, --pretty, and the pretty form takes no template', async () => {
    const [m] = await swarm3();
    const json = JSON.parse((await m!.run('docker node inspect self')).out) as Record<string, unknown>[];
    expect(Object.keys(json[0]!)).toEqual(['ID', 'Version', 'CreatedAt', 'UpdatedAt', 'Spec', 'Description', 'Status', 'ManagerStatus']);
    expect(json[0]!['ManagerStatus']).toEqual({ Leader: true, Reachability: 'reachable', Addr: '192.168.1.11:2377' });
    const worker = JSON.parse((await m!.run('docker node inspect host2')).out) as Record<string, unknown>[];
    expect(Object.keys(worker[0]!)).not.toContain('ManagerStatus');
    expect(worker[0]!['Status']).toEqual({ State: 'ready', Addr: '192.168.1.12' });
    const pretty = (await m!.run('docker node inspect --pretty host2')).out;
    expect(pretty).toMatch(new RegExp(`^ID:\\t\\t\\t${ID}\\nHostname:              \\thost2\\nJoined at:             \\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000 UTC\\nStatus:\\n State:\\t\\t\\tReady\\n Availability:         \\tActive\\n Address:\\t\\t192\\.168\\.1\\.12\\nPlatform:\\n`));
    expect(pretty).toContain('Resources:\n CPUs:\t\t\t2\n Memory:\t\t23.48GiB\nPlugins:\n Log:\t\tawslogs, fluentd');
    expect(pretty).toContain('Engine Version:\t\t28.5.2\nTLS Info:\n TrustRoot:\n-----BEGIN CERTIFICATE-----\n');
    expect((await m!.run('docker node inspect --format "pretty {{.ID}}" host2')).err).toBe('cannot supply extra formatting options to the pretty template\n');
    const missing = await m!.run('docker node inspect host2 nosuch');
    expect(JSON.parse(missing.out)).toHaveLength(1);
    expect(missing.err).toBe('Error response from daemon: node nosuch not found\n');
  });
});

describe('docker info and docker swarm update (cli/command/system/info.go printSwarmInfo, cli/command/swarm/update.go)', () => {
  it('a manager shows the cluster block; a worker only its address and the managers; update changes what it shows', async () => {
    const [m, w] = await swarm3();
    const info = (await m!.run('docker info')).out;
    const block = info.slice(info.indexOf(' Swarm: '), info.indexOf(' Runtimes:'));
    expect(block).toMatch(
      new RegExp(
        `^ Swarm: active\\n  NodeID: ${ID}\\n  Is Manager: true\\n  ClusterID: ${ID}\\n  Managers: 1\\n  Nodes: 3\\n  Default Address Pool: 10\\.0\\.0\\.0/8  \\n  SubnetSize: 24\\n  Data Path Port: 4789\\n` +
          '  Orchestration:\\n   Task History Retention Limit: 5\\n  Raft:\\n   Snapshot Interval: 10000\\n   Number of Old Snapshots to Retain: 0\\n   Heartbeat Tick: 1\\n   Election Tick: 10\\n' +
          '  Dispatcher:\\n   Heartbeat Period: 5 seconds\\n  CA Configuration:\\n   Expiry Duration: 3 months\\n   Force Rotate: 0\\n  Autolock Managers: false\\n  Root Rotation In Progress: false\\n' +
          '  Node Address: 192\\.168\\.1\\.11\\n  Manager Addresses:\\n   192\\.168\\.1\\.11:2377\\n$',
      ),
    );
    const winfo = (await w!.run('docker info')).out;
    expect(winfo.slice(winfo.indexOf(' Swarm: '), winfo.indexOf(' Runtimes:'))).toMatch(
      new RegExp(`^ Swarm: active\\n  NodeID: ${ID}\\n  Is Manager: false\\n  Node Address: 192\\.168\\.1\\.12\\n  Manager Addresses:\\n   192\\.168\\.1\\.11:2377\\n$`),
    );
    const help = await m!.run('docker swarm update');
    expect(help.out).toMatch(/^Usage:  docker swarm update \[OPTIONS\]\n\nUpdate the swarm\n/);
    expect(help.code).toBe(0);
    expect((await m!.run('docker swarm update --task-history-limit 2 --dispatcher-heartbeat 1m --cert-expiry 48h')).out).toBe('Swarm updated.\n');
    const after = (await m!.run('docker info')).out;
    expect(after).toContain('   Task History Retention Limit: 2\n');
    expect(after).toContain('   Heartbeat Period: About a minute\n');
    expect(after).toContain('   Expiry Duration: 2 days\n');
    expect((await m!.run('docker swarm update --autolock')).err).toBe('sim: manager autolocking (and its unlock key) is not part of this lab\n');
    expect((await w!.run('docker swarm update --task-history-limit 1')).err).toMatch(/^Error response from daemon: This node is not a swarm manager\. Worker nodes/);
    const bad = await m!.run('docker swarm update --cert-expiry soon');
    expect(bad.err).toMatch(/^invalid argument "soon" for "--cert-expiry" flag: time: invalid duration "soon"\n/);
    expect(bad.code).toBe(125);
  });
});
