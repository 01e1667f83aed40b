/**
 * ping, uname and wget as learners probe with them (fidelity plan D7, D9-D11; findings 5, 21, 24,
 * 35, 36, 39, 40). Captures: real-D1 (busybox), real-D4 (GNU Wget 1.25.0), real-D7 (iputils),
 * real-D3 (user agents), timeout-alp.txt / timeout-srv.txt (busybox wget without -T).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('ping (plan D7)', () => {
  it('busybox ping -s 1000: "1000 data bytes", replies of 1008 bytes (real-D1)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const r = await t.run('docker exec b1 ping -c 2 -s 1000 172.17.0.1');
    expect(lines(r.out).slice(0, 3)).toEqual([
      'PING 172.17.0.1 (172.17.0.1): 1000 data bytes',
      expect.stringMatching(/^1008 bytes from 172\.17\.0\.1: seq=0 ttl=64 time=\d+\.\d{3} ms$/),
      expect.stringMatching(/^1008 bytes from 172\.17\.0\.1: seq=1 ttl=64 time=\d+\.\d{3} ms$/),
    ]);
  });

  it('iputils ping -s 1000 on the host: "1000(1028) bytes of data" (real-D7)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const r = await t.run('ping -c 1 -s 1000 172.17.0.2');
    expect(lines(r.out).slice(0, 2)).toEqual(['PING 172.17.0.2 (172.17.0.2) 1000(1028) bytes of data.', expect.stringMatching(/^1008 bytes from 172\.17\.0\.2: icmp_seq=1 ttl=64 time=[\d.]+ ms$/)]);
    expect(r.out).toContain('1 packets transmitted, 1 received, 0% packet loss, time 0ms\n');
  });

  it('ping6 ::1 and ping -6 ::1 answer from the container\'s loopback (finding 35)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name a1 alpine sleep 1000');
    for (const cmd of ['ping6 -c 1 ::1', 'ping -6 -c 1 ::1']) {
      const r = await t.run(`docker exec a1 ${cmd}`);
      expect(r.code, cmd).toBe(0);
      expect(lines(r.out).slice(0, 2), cmd).toEqual(['PING ::1 (::1): 56 data bytes', expect.stringMatching(/^64 bytes from ::1: seq=0 ttl=64 time=\d\.\d{3} ms$/)]);
      expect(r.out, cmd).toContain('1 packets transmitted, 1 packets received, 0% packet loss\n');
    }
  });

  it('iputils, one probe to a silent host: time 0ms, then an empty line, exit 1 (finding 39, real-D7)', async () => {
    const t = newTerm();
    const r = await t.run('ping -c 1 -W 1 10.255.255.1');
    expect(r.code).toBe(1);
    expect(r.out).toBe('PING 10.255.255.1 (10.255.255.1) 56(84) bytes of data.\n\n--- 10.255.255.1 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n');
  });

  it('busybox:latest is glibc: "Network is unreachable"; alpine (musl) "Network unreachable" (finding 5)', async () => {
    const t = newTerm();
    await t.setup('docker pull busybox', 'docker pull alpine');
    expect((await t.run('docker run --rm --network none busybox ping -c 1 8.8.8.8')).err).toBe('ping: sendto: Network is unreachable\n');
    expect((await t.run('docker run --rm --network none alpine ping -c 1 8.8.8.8')).err).toBe('ping: sendto: Network unreachable\n');
  });
});

describe('uname -a (plan D11, finding 36)', () => {
  it('Alpine\'s busybox ends with "Linux"; busybox:latest and Debian images with "GNU/Linux"', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker pull busybox', 'docker pull ubuntu');
    const alpine = await t.run('docker run --rm --name ua alpine uname -a');
    expect(alpine.out).toMatch(/^Linux [0-9a-f]{12} 6\.12\.48\+deb13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6\.12\.48-1 \(2025-09-20\) x86_64 Linux\n$/);
    expect((await t.run('docker run --rm busybox uname -a')).out).toMatch(/ x86_64 GNU\/Linux\n$/);
    expect((await t.run('docker run --rm ubuntu uname -a')).out).toMatch(/ x86_64 GNU\/Linux\n$/);
    expect((await t.run('docker run --rm alpine uname -o')).out).toBe('Linux\n');
    expect((await t.run('uname -srm')).out).toBe('Linux 6.12.48+deb13-amd64 x86_64\n');
  });
});

describe('busybox wget timeouts (finding 21)', () => {
  it('no -T: the kernel gives up after its SYN retries; musl and glibc word it differently', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name a1 alpine sleep 1000', 'docker run -d --name b1 busybox sleep 1000');
    const musl = await t.run('docker exec a1 wget -qO- http://10.255.255.1');
    expect(musl).toMatchObject({ err: "wget: can't connect to remote host (10.255.255.1): Operation timed out\n", code: 1 });
    const glibc = await t.run('docker exec b1 wget -qO- http://10.255.255.1');
    expect(glibc).toMatchObject({ err: "wget: can't connect to remote host (10.255.255.1): Connection timed out\n", code: 1 });
    expect((await t.run('docker exec a1 wget -T 2 -qO- http://10.255.255.1')).err).toBe('wget: download timed out\n');
  });

  it('an unreachable host on glibc: "No route to host" (finding 5)', async () => {
    const t = newTerm();
    await t.setup('docker network create n1', 'docker run -d --name b1 --network n1 busybox sleep 1000');
    expect((await t.run('docker exec b1 wget -qO- http://172.18.0.99')).err).toBe("wget: can't connect to remote host (172.18.0.99): No route to host\n");
  });
});

describe('GNU Wget 1.25.0 on the host (plan D10, real-D4)', () => {
  it('a download: its log lines, dot progress, quotes, and the saved file', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx');
    const r = await t.run('wget http://192.168.1.11:8080/');
    expect(r.out).toBe('');
    expect(lines(r.err)).toEqual([
      '--2026-11-20 09:00:02--  http://192.168.1.11:8080/',
      'Connecting to 192.168.1.11:8080... connected.',
      'HTTP request sent, awaiting response... 200 OK',
      'Length: 615 [text/html]',
      'Saving to: ‘index.html’',
      '',
      expect.stringMatching(/^ {5}0K {55}100% [\d.]+[KM]=0s$/),
      '',
      expect.stringMatching(/^2026-11-20 09:00:02 \([\d.]+ [KM]B\/s\) - ‘index\.html’ saved \[615\/615\]$/),
      '',
    ]);
    expect((await t.run('wget -q http://192.168.1.11:8080/')).code).toBe(0);
    expect((await t.run('ls')).out).toBe('index.html  index.html.1\n');
  });

  it('refused (exit 4), 404 (exit 8), a timeout with -T 2 -t 1, an unknown name', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx');
    expect(await t.run('wget http://192.168.1.11:8081/')).toMatchObject({ code: 4, err: expect.stringMatching(/\nConnecting to 192\.168\.1\.11:8081\.\.\. failed: Connection refused\.\n$/) });
    expect(await t.run('wget -q http://192.168.1.11:8081/')).toMatchObject({ output: '', code: 4 });
    expect(await t.run('wget http://192.168.1.11:8080/nope')).toMatchObject({ code: 8, err: expect.stringMatching(/HTTP request sent, awaiting response\.\.\. 404 Not Found\n2026-11-20 09:00:\d\d ERROR 404: Not Found\.\n\n$/) });
    expect(await t.run('wget -T 2 -t 1 http://10.255.255.1/')).toMatchObject({ code: 4, err: expect.stringMatching(/\nConnecting to 10\.255\.255\.1:80\.\.\. failed: Connection timed out\.\nGiving up\.\n\n$/) });
    expect(await t.run('wget http://nosuchhost.invalid/')).toMatchObject({
      code: 4,
      err: expect.stringMatching(/\nResolving nosuchhost\.invalid \(nosuchhost\.invalid\)\.\.\. failed: Name or service not known\.\nwget: unable to resolve host address ‘nosuchhost\.invalid’\n$/),
    });
  });

  it('nginx logs each client\'s own User-Agent: Wget/1.25.0, busybox Wget, curl/8.14.1 (finding 40, real-D3)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx', 'wget -qO /dev/null http://localhost:8080/', 'curl -s -o /dev/null localhost:8080', 'docker run --rm alpine wget -qO /dev/null http://172.17.0.2/');
    const agents = lines((await t.run('docker logs web')).output)
      .filter((l) => l.includes('"GET / HTTP/1.1"'))
      .map((l) => /"([^"]*)" "-"$/.exec(l)![1]);
    expect(agents).toEqual(['Wget/1.25.0', 'curl/8.14.1', 'Wget']);
  });
});
