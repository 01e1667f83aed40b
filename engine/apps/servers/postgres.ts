/**
 * PostgreSQL (the official postgres image): the entrypoint's refusal without a password, the
 * initdb and start-up lines, and what the server does with bytes that are not its protocol.
 */

import type { AppEnv } from '../env';
import { pgTime } from './common';
import type { Conn, LogLine, ServerModule, StartInfo, TcpReply } from './types';

/** docker-library/postgres 18/trixie/docker-entrypoint.sh docker_verify_minimum_env (a heredoc to stderr). */
const NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html`;

function envOf(env: string[], name: string): string {
  const hit = [...env].reverse().find((e) => e.startsWith(`${name}=`));
  return hit ? hit.slice(name.length + 1) : '';
}

function start(s: StartInfo) {
  if (!envOf(s.env, 'POSTGRES_PASSWORD') && envOf(s.env, 'POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    return { log: NO_PASSWORD.split('\n').map((text): LogLine => ({ stream: 'err', text })), sockets: [], exitCode: 1 };
  }
  const major = s.version.split('.')[0]!;
  const pgdata = Number(major) >= 18 ? `/var/lib/postgresql/${major}/docker` : '/var/lib/postgresql/data';
  const t0 = pgTime(s.now);
  const t1 = pgTime(s.now + 1500);
  const starting = `starting PostgreSQL ${s.version} on x86_64-pc-linux-gnu, compiled by ${s.build}, 64-bit`;
  const out = (text: string): LogLine => ({ stream: 'out', text });
  const err = (text: string): LogLine => ({ stream: 'err', text });
  return {
    log: [
      out('The files belonging to this database system will be owned by user "postgres".'),
      out('This user must also own the server process.'),
      out(''),
      out('The database cluster will be initialized with locale "en_US.utf8".'),
      out('The default database encoding has accordingly been set to "UTF8".'),
      out('The default text search configuration will be set to "english".'),
      out(''),
      out(Number(major) >= 18 ? 'Data page checksums are enabled.' : 'Data page checksums are disabled.'),
      out(''),
      out(`fixing permissions on existing directory ${pgdata} ... ok`),
      out('creating subdirectories ... ok'),
      out('selecting dynamic shared memory implementation ... posix'),
      out('selecting default "max_connections" ... 100'),
      out('selecting default "shared_buffers" ... 128MB'),
      out('selecting default time zone ... Etc/UTC'),
      out('creating configuration files ... ok'),
      out('running bootstrap script ... ok'),
      out('performing post-bootstrap initialization ... ok'),
      out('syncing data to disk ... ok'),
      out(''),
      out(''),
      out('Success. You can now start the database server using:'),
      out(''),
      out(`    pg_ctl -D ${pgdata} -l logfile start`),
      out(''),
      err('initdb: warning: enabling "trust" authentication for local connections'),
      err('initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.'),
      out(`waiting for server to start....${t0} [48] LOG:  ${starting}`),
      err(`${t0} [48] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
      err(`${t0} [54] LOG:  database system was shut down at ${t0.replace(/\.\d+ UTC$/, ' UTC')}`),
      err(`${t0} [48] LOG:  database system is ready to accept connections`),
      out(' done'),
      out('server started'),
      out(''),
      out('/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*'),
      out(''),
      out(`waiting for server to shut down....${t0} [48] LOG:  received fast shutdown request`),
      err(`${t0} [48] LOG:  aborting any active transactions`),
      err(`${t0} [48] LOG:  background worker "logical replication launcher" (PID 57) exited with exit code 1`),
      err(`${t0} [49] LOG:  shutting down`),
      err(`${t0} [48] LOG:  database system is shut down`),
      out(' done'),
      out('server stopped'),
      out(''),
      out('PostgreSQL init process complete; ready for start up.'),
      out(''),
      err(`${t1} [1] LOG:  ${starting}`),
      err(`${t1} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`),
      err(`${t1} [1] LOG:  listening on IPv6 address "::", port 5432`),
      err(`${t1} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
      err(`${t1} [64] LOG:  database system was shut down at ${t0.replace(/\.\d+ UTC$/, ' UTC')}`),
      err(`${t1} [1] LOG:  database system is ready to accept connections`),
    ],
    sockets: [{ proto: 'tcp' as const, ip: '0.0.0.0', port: 5432 }],
  };
}

/** Backend PIDs for the log prefix, one per connection. */
const backends = new WeakMap<object, number>();

/**
 * The first four bytes of a connection are the startup packet's length: anything that is not
 * PostgreSQL's protocol (HTTP, text from nc) has an absurd one, and the server hangs up.
 */
function tcp(env: AppEnv, conn: Conn, data: string): TcpReply {
  if (data.length === 0) return { data: '', close: false };
  const pid = (backends.get(conn.app) ?? 72) + 1;
  backends.set(conn.app, pid);
  if (conn.app.containerId) {
    const len = data.length >= 4 ? ((data.charCodeAt(0) << 24) | (data.charCodeAt(1) << 16) | (data.charCodeAt(2) << 8) | data.charCodeAt(3)) >>> 0 : 0;
    const what = data.length < 4 ? 'incomplete startup packet' : len > 10000 || len < 8 ? 'invalid length of startup packet' : 'unsupported frontend protocol';
    env.log(conn.app.containerId, `${pgTime(env.world.clock)} [${pid}] LOG:  ${what}`);
  }
  return { data: '', close: true };
}

export const postgres: ServerModule = { comm: 'postgres', backlog: 244, start, tcp };
