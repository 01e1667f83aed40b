import fc from 'fast-check';

/**
 * Random command lines for property tests (invariants.test.ts) and the long fuzz run
 * (scripts/fuzz.ts): docker lines over a few names, junk, and shell constructs including the
 * hostile ones of issue 13 (self-reading scripts, backtracking regexes, doubling variables).
 */

const NAMES = ['c1', 'c2', 'c3', 'web', 'db'];
const NETS = ['n1', 'n2', 'bridge', 'host', 'none', 'my_bridge'];
const IMAGES = ['alpine', 'busybox', 'nginx', 'ubuntu', 'nicolaka/netshoot', 'nope', 'alpine:9.9'];
const SUBNETS = ['10.0.0.0/24', '10.0.0.0/16', '172.18.0.0/16', '192.168.1.0/24', '10.0.0.0/33', '300.1.1.1/8', '10.9.0.1/24'];
const IPS = ['10.0.0.254', '10.0.0.2', '172.17.0.50', '999.1.1.1', '172.18.0.9'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

export const dockerLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(pick(NAMES), pick(NETS), pick(IMAGES), fc.boolean(), fc.option(pick(IPS)), fc.option(pick(['80', '8080:80', '127.0.0.1:9000:80', '80-81:80-81', 'abc']))).map(
    ([n, net, img, d, ip, port]) => `docker run ${d ? '-dit' : '--rm'} --name ${n} --network ${net}${ip ? ` --ip ${ip}` : ''}${port ? ` -p ${port}` : ''} ${img}`,
  ),
  fc.tuple(pick(NETS), fc.option(pick(SUBNETS)), fc.boolean()).map(([n, s, internal]) => `docker network create${s ? ` --subnet ${s}` : ''}${internal ? ' --internal' : ''} ${n}`),
  fc.tuple(pick(['connect', 'disconnect']), pick(NETS), pick(NAMES), fc.option(pick(IPS))).map(([v, n, c, ip]) => `docker network ${v}${ip && v === 'connect' ? ` --ip ${ip}` : ''} ${n} ${c}`),
  fc.tuple(pick(['stop', 'start', 'restart', 'kill', 'rm', 'rm -f', 'pause', 'unpause']), pick(NAMES)).map(([v, c]) => `docker ${v} ${c}`),
  pick(NETS).map((n) => `docker network rm ${n}`),
  fc.tuple(pick(NAMES), pick([...NAMES, '8.8.8.8', 'google.com', '172.17.0.2'])).map(([a, b]) => `docker exec ${a} ping -c 1 ${b}`),
  fc.tuple(pick(NAMES), pick(['ip a', 'cat /etc/hosts', 'nslookup web', 'wget -qO- http://web', 'hostname'])).map(([a, cmd]) => `docker exec ${a} ${cmd}`),
  pick(['docker ps -a', 'docker network ls', 'docker network prune -f', 'ip a', 'brctl show', 'iptables -S', 'curl -s localhost:8080', 'docker images']),
);

export const junkLine: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(pick(['docker', 'network', 'run', '-', '--', '-itd', '"', "'", '|', '&&', '||', ';', '$?', '>', '2>&1', 'ping', '-c', '\\', '\u0003', '\u001b[A', 'alpine', '=', '--net=', '{{', '}}']), { maxLength: 12 }).map((ws) => ws.join(' ')),
);

const HOSTILE = [
  "echo 'sh < /root/x' > /root/x; sh < /root/x",
  "f() { f; }; f",
  "a=x; while :; do a=$a$a; done",
  "grep -E '(a+)+$' /etc/hostname",
  "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\\n' | grep -E '(a|aa)+$'",
  "echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab | sed -E 's/(a*)*$/x/'",
  'while :; do :; done',
  'yes | head -n 3',
  'cat /dev/zero | head -c 10',
  'ping 8.8.8.8',
  "x=$(printf '%0100000d' 0); echo ${#x}",
  'for i in $(seq 1 5); do echo $i; done',
  'i=0; while [ $i -lt 500 ]; do i=$((i+1)); done; echo $i',
  'docker run -d --name spin alpine sh -c "while :; do :; done"',
  'echo __proto__ constructor toString; docker rename __proto__ x; echo $constructor',
];

/** Shell lines: pipes, redirections, substitutions, control flow, and the hostile cases. */
export const shellLine: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.tuple(fc.constantFrom('echo hi', 'ls /', 'cat /etc/hosts', 'ip -o addr', 'docker ps', 'env'), fc.constantFrom('| wc -l', '| grep e', '> /tmp/o', '2>&1 | head -n 2', '&& echo ok', '|| echo no', '&')).map(
    ([a, b]) => `${a} ${b}`,
  ),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('echo $i', 'docker network ls -q | wc -l', ':')).map(([n, body]) => `for i in $(seq 1 ${n}); do ${body}; done`),
  fc.tuple(fc.constantFrom('if', 'while', 'case', 'until'), fc.string({ maxLength: 20 })).map(([k, rest]) => `${k} ${rest}`),
);
