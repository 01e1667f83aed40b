/**
 * The servers images run (fidelity plan C4-C7): they listen, answer as the real ones do, and log
 * their first lines. Sources per test: the docker-library Dockerfiles and entrypoints at the
 * library commits of 2025-11-20, traefik/whoami v1.11.0 app.go, nginx/pkg-oss 1.29.3-1.
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('httpd (docker-library/httpd 2.4, Apache 2.4.65)', () => {
  it('answers "It works!" (45 bytes) and logs AH00558 twice, then its notices; access log in common format', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name webby -p 8080:80 httpd');
    expect((await t.run('curl -s localhost:8080')).out).toBe('<html><body><h1>It works!</h1></body></html>\n');
    const head = lines((await t.run('curl -sI localhost:8080')).out);
    expect(head[0]).toBe('HTTP/1.1 200 OK');
    expect(head.slice(2, 7)).toEqual(['Server: Apache/2.4.65 (Unix)', 'Last-Modified: Mon, 11 Jun 2007 18:53:14 GMT', 'ETag: "2d-432a5e4a73a80"', 'Accept-Ranges: bytes', 'Content-Length: 45']);
    const log = lines((await t.run('docker logs webby')).output);
    const ah = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message";
    expect(log.slice(0, 2)).toEqual([ah, ah]);
    expect(log[2]).toMatch(/^\[Fri Nov 20 09:00:\d\d\.\d{6} 2026\] \[mpm_event:notice\] \[pid 1:tid \d+\] AH00489: Apache\/2\.4\.65 \(Unix\) configured -- resuming normal operations$/);
    expect(log[3]).toMatch(/\[core:notice\] \[pid 1:tid \d+\] AH00094: Command line: 'httpd -D FOREGROUND'$/);
    expect(log[4]).toMatch(/^172\.17\.0\.1 - - \[20\/Nov\/2026:09:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 45$/);
    expect(log[5]).toMatch(/"HEAD \/ HTTP\/1\.1" 200 -$/);
  });

  it('stops on its STOPSIGNAL (SIGWINCH) at once, Exited (0)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name webby httpd', 'docker stop webby');
    expect((await t.run("docker ps -a --format '{{.Status}}'")).out).toMatch(/^Exited \(0\) /);
  });
});

describe('redis (redis 8.4.0)', () => {
  it('redis-cli ping answers PONG; set and get; nc speaks RESP too', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name cache redis');
    expect((await t.run('docker exec cache redis-cli ping')).out).toBe('PONG\n');
    expect((await t.run('docker exec cache redis-cli set greeting hello')).out).toBe('OK\n');
    expect((await t.run('docker exec cache redis-cli get greeting')).out).toBe('hello\n');
    const nc = await t.run(`docker run --rm alpine sh -c 'printf "PING\\r\\n" | nc 172.17.0.2 6379'`);
    expect(nc.out).toBe('+PONG\r\n');
    expect((await t.run('docker exec cache redis-cli -h nosuch ping')).err).toBe('Could not connect to Redis at nosuch:6379: Name or service not known\n');
  });

  it('first log lines: the entrypoint, then redis-server\'s own', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name cache redis');
    const log = lines((await t.run('docker logs cache')).output);
    expect(log[0]).toBe('Starting Redis Server');
    expect(log[1]).toMatch(/^1:C 20 Nov 2026 09:00:\d\d\.\d{3} \* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo$/);
    expect(log[2]).toMatch(/\* Redis version=8\.4\.0, bits=64, commit=00000000, modified=1, pid=1, just started$/);
    expect(log.at(-1)).toMatch(/^1:M .* \* Ready to accept connections tcp$/);
  });

  it('an HTTP request is not RESP: curl gets HTTP/0.9 refused, redis logs a cross-protocol attack', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name cache -p 6379:6379 redis');
    expect(await t.run('curl -s localhost:6379')).toMatchObject({ out: '', code: 1 });
    expect((await t.run('curl localhost:6379')).err).toBe('curl: (1) Received HTTP/0.9 when not allowed\n');
    expect((await t.run('docker logs cache')).output).toContain('# Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis.');
  });
});

describe('postgres (docker-library/postgres 18/trixie)', () => {
  it('without POSTGRES_PASSWORD the entrypoint refuses: exit 1, its heredoc on stderr (docker-entrypoint.sh:107-119)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name db postgres');
    expect((await t.run("docker ps -a --format '{{.Status}}'")).out).toMatch(/^Exited \(1\) /);
    // docker logs keeps stdout and stderr apart in real Docker; the lab's logs are one stream, so read both.
    expect((await t.run('docker logs db')).output).toBe(
      'Error: Database is uninitialized and superuser password is not specified.\n' +
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n' +
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n' +
        '\n' +
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n' +
        '       connections without a password. This is *not* recommended.\n' +
        '\n' +
        '       See PostgreSQL documentation about "trust":\n' +
        '       https://www.postgresql.org/docs/current/auth-trust.html\n',
    );
  });

  it('with a password it initialises, then listens on 5432; bytes that are not its protocol are dropped and logged', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name db -e POSTGRES_PASSWORD=secret postgres');
    const log = lines((await t.run('docker logs db')).output);
    expect(log).toContain('PostgreSQL init process complete; ready for start up.');
    expect(log).toContainEqual(expect.stringMatching(/UTC \[1\] LOG: {2}starting PostgreSQL 18\.1 \(Debian 18\.1-1\.pgdg13\+2\) on x86_64-pc-linux-gnu, compiled by gcc \(Debian 14\.2\.0-19\) 14\.2\.0, 64-bit$/));
    expect(log).toContainEqual(expect.stringMatching(/\[1\] LOG: {2}listening on IPv4 address "0\.0\.0\.0", port 5432$/));
    expect(log.at(-1)).toMatch(/\[1\] LOG: {2}database system is ready to accept connections$/);
    await t.setup('docker pull alpine');
    expect((await t.run('docker run --rm alpine nc -zv 172.17.0.2 5432')).err).toBe('172.17.0.2 (172.17.0.2:5432) open\n');
    expect((await t.run('curl 172.17.0.2:5432')).err).toBe('curl: (52) Empty reply from server\n');
    expect((await t.run('docker logs db')).output).toMatch(/UTC \[\d+\] LOG: {2}invalid length of startup packet\n$/);
  });
});

describe('traefik/whoami v1.11.0 (app.go whoamiHandler)', () => {
  it('answers with Hostname, every IP (lo first), RemoteAddr and the request as Go writes it back', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name who -p 8080:80 traefik/whoami');
    const id = (await t.run("docker inspect -f '{{.Config.Hostname}}' who")).out.trim();
    const r = await t.run('curl -s localhost:8080');
    expect(r.out).toMatch(
      new RegExp(
        `^Hostname: ${id}\\nIP: 127\\.0\\.0\\.1\\nIP: ::1\\nIP: 172\\.17\\.0\\.2\\nRemoteAddr: 172\\.17\\.0\\.1:\\d+\\n` +
          'GET / HTTP/1\\.1\\r\\nHost: localhost:8080\\r\\nUser-Agent: curl/8\\.14\\.1\\r\\nAccept: \\*/\\*\\r\\n\\r\\n$',
      ),
    );
    expect((await t.run('docker logs who')).output).toMatch(/^2026\/11\/20 09:00:\d\d Starting up on port 80\n$/);
  });

  it('from another container the RemoteAddr is that container; busybox wget\'s Connection: close comes back after User-Agent', async () => {
    const t = newTerm();
    await t.setup('docker network create app', 'docker run -d --name who --network app traefik/whoami');
    const r = await t.run('docker run --rm --network app alpine wget -qO- http://who/');
    expect(r.out).toMatch(/\nIP: 172\.18\.0\.2\nRemoteAddr: 172\.18\.0\.3:\d+\nGET \/ HTTP\/1\.1\r\nHost: who\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n$/);
  });

  it('-name and WHOAMI_NAME add a Name line; /api answers JSON', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name who1 traefik/whoami --name alpha', 'docker run -d --name who2 -e WHOAMI_NAME=beta traefik/whoami');
    expect((await t.run('curl -s 172.17.0.2')).out).toMatch(/^Name: alpha\nHostname: /);
    expect((await t.run('curl -s 172.17.0.3')).out).toMatch(/^Name: beta\nHostname: /);
    const api = JSON.parse((await t.run('curl -s 172.17.0.2/api')).out) as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['hostname', 'ip', 'headers', 'url', 'host', 'method', 'name', 'remoteAddr']);
    expect(api['ip']).toEqual(['127.0.0.1', '::1', '172.17.0.2']);
  });

  it('a scratch image has no shell: exec sh fails as runc reports it (127)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name who traefik/whoami');
    const r = await t.run('docker exec who sh');
    expect(r.code).toBe(127);
    expect(r.output).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\n');
  });
});

describe('nginx internals (plan C7, finding 9)', () => {
  it('docker run nginx nginx -v: the entrypoint\'s lines, then the version on stderr, exit 0 (it does not start a server)', async () => {
    const t = newTerm();
    const r = await t.run('docker run --rm nginx nginx -v');
    expect(r.code).toBe(0);
    expect(lines(r.out)).toHaveLength(9);
    expect(r.out).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration\n/);
    expect(r.err).toMatch(/nginx version: nginx\/1\.29\.3\n$/);
  });

  it('nginx -t, the packaged config with the entrypoint\'s IPv6 listen, and an edited index.html served as written', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    expect((await t.run('docker exec web nginx -t')).err).toBe('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    expect((await t.run('docker exec web ls /etc/nginx')).out).toBe('conf.d\nfastcgi_params\nmime.types\nmodules\nnginx.conf\nscgi_params\nuwsgi_params\n');
    expect((await t.run('docker exec web cat /etc/nginx/conf.d/default.conf')).out).toMatch(/^server {\n {4}listen {7}80;\n {4}listen {2}\[::\]:80;\n {4}server_name {2}localhost;\n/);
    expect((await t.run('docker exec web head -3 /etc/nginx/nginx.conf')).out).toBe('\nuser  nginx;\nworker_processes  auto;\n');
    await t.setup("docker exec web sh -c 'echo backend one > /usr/share/nginx/html/index.html'");
    expect((await t.run('curl -s 172.17.0.2')).out).toBe('backend one\n');
    expect((await t.run('docker run --rm nginx cat /etc/nginx/conf.d/default.conf')).out).not.toContain('[::]:80');
  });

  it('a 404 is logged twice: the error log line, then the access line', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    await t.run('curl -s 172.17.0.2/missing');
    const log = lines((await t.run('docker logs web')).output).slice(-2);
    expect(log[0]).toMatch(/ \[error\] 29#29: \*1 open\(\) "\/usr\/share\/nginx\/html\/missing" failed \(2: No such file or directory\), client: 172\.17\.0\.1, server: localhost, request: "GET \/missing HTTP\/1\.1", host: "172\.17\.0\.2"$/);
    expect(log[1]).toMatch(/"GET \/missing HTTP\/1\.1" 404 153 "-" "curl\/8\.14\.1" "-"$/);
  });

  it('nginx:alpine says it was built by Alpine\'s gcc (plan C6)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx:alpine');
    expect((await t.run('docker logs web')).output).toContain('[notice] 1#1: built by gcc 14.2.0 (Alpine 14.2.0)\n');
  });

  it('the master and two workers (one per CPU) are the container\'s processes; busybox ps in nginx:alpine shows them', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx:alpine');
    const ps = lines((await t.run('docker exec web ps')).out);
    expect(ps.slice(0, 4)).toEqual([
      'PID   USER     TIME  COMMAND',
      '    1 root      0:00 nginx: master process nginx -g daemon off;',
      '   29 nginx     0:00 nginx: worker process',
      '   30 nginx     0:00 nginx: worker process',
    ]);
  });
});
