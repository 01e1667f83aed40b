import { describe, expect, it } from 'vitest';
import { parseCommandLine, type CommandSpec, type ParseResult } from './flags';
import { renderHelp } from './usage';

const run: CommandSpec = {
  path: 'docker run',
  usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  description: 'Create and run a new container from an image',
  interspersed: false,
  args: { min: 1, max: Infinity },
  flags: [
    { name: 'detach', short: 'd', kind: 'bool', description: 'Run container in background and print container ID' },
    { name: 'interactive', short: 'i', kind: 'bool', description: 'Keep STDIN open even if not attached' },
    { name: 'tty', short: 't', kind: 'bool', description: 'Allocate a pseudo-TTY' },
    { name: 'rm', kind: 'bool', description: 'Automatically remove the container and its associated anonymous volumes when it exits' },
    { name: 'publish', short: 'p', kind: 'stringArray', valueName: 'list', description: "Publish a container's port(s) to the host" },
    { name: 'network', kind: 'string', valueName: 'network', aliases: ['net'], description: 'Connect a container to a network' },
    { name: 'name', kind: 'string', description: 'Assign a name to the container' },
    { name: 'hostname', short: 'h', kind: 'string', description: 'Container host name' },
    { name: 'cpu-shares', short: 'c', kind: 'int', description: 'CPU shares (relative weight)' },
  ],
};

const networkCreate: CommandSpec = {
  path: 'docker network create',
  usage: 'docker network create [OPTIONS] NETWORK',
  description: 'Create a network',
  interspersed: true,
  args: { min: 1, max: 1 },
  flags: [
    { name: 'driver', short: 'd', kind: 'string', default: 'bridge', description: 'Driver to manage the Network' },
    { name: 'subnet', kind: 'stringArray', valueName: 'strings', description: 'Subnet in CIDR format that represents a network segment' },
    { name: 'internal', kind: 'bool', description: 'Restrict external access to the network' },
    { name: 'attachable', kind: 'bool', description: 'Enable manual container attachment' },
    { name: 'ipv4', kind: 'bool', default: true, description: 'Enable or disable IPv4 address assignment' },
    { name: 'label', kind: 'stringArray', valueName: 'list', description: 'Set metadata on a network' },
    { name: 'opt', short: 'o', kind: 'stringArray', valueName: 'map', description: 'Set driver specific options' },
    { name: 'config-from', kind: 'string', description: 'The network from which to copy the configuration' },
    { name: 'ipam-driver', kind: 'string', default: 'default', description: 'IP Address Management Driver' },
    { name: 'scope', kind: 'string', hidden: false, description: "Control the network's scope" },
    { name: 'secret-thing', kind: 'bool', hidden: true, description: 'never shown' },
  ],
};

const ps: CommandSpec = {
  path: 'docker ps',
  usage: 'docker ps [OPTIONS]',
  description: 'List containers',
  interspersed: true,
  args: { min: 0, max: 0 },
  flags: [
    { name: 'all', short: 'a', kind: 'bool', description: 'Show all containers (default shows just running)' },
    { name: 'last', short: 'n', kind: 'int', default: -1, description: 'Show n last created containers (includes all states)' },
    { name: 'quiet', short: 'q', kind: 'bool', description: 'Only display container IDs' },
    { name: 'format', kind: 'string', description: 'Format output using a custom template' },
  ],
};

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  return result;
}

function fail(result: ParseResult) {
  if (result.ok) throw new Error('expected an error');
  return result;
}

describe('parseCommandLine: flag forms', () => {
  it('reads combined short bools: docker run -itd alpine', () => {
    const r = ok(parseCommandLine(run, ['-itd', 'alpine']));
    expect(r.flags).toMatchObject({ interactive: true, tty: true, detach: true });
    expect([...r.given].sort()).toEqual(['detach', 'interactive', 'tty']);
    expect(r.args).toEqual(['alpine']);
    expect(r.help).toBe(false);
  });

  it('reads short values separate, attached and after "="', () => {
    expect(ok(parseCommandLine(run, ['-p', '80:80', 'nginx'])).flags.publish).toEqual(['80:80']);
    expect(ok(parseCommandLine(run, ['-p80:80', 'nginx'])).flags.publish).toEqual(['80:80']);
    expect(ok(parseCommandLine(run, ['-p=80:80', 'nginx'])).flags.publish).toEqual(['80:80']);
    // A bool run can end in a value flag that takes the rest of the word.
    expect(ok(parseCommandLine(run, ['-dp8080:80', 'nginx'])).flags).toMatchObject({ detach: true, publish: ['8080:80'] });
  });

  it('reads long values with "=" or as the next word, through aliases too', () => {
    expect(ok(parseCommandLine(run, ['--network=host', 'alpine'])).flags.network).toBe('host');
    expect(ok(parseCommandLine(run, ['--network', 'host', 'alpine'])).flags.network).toBe('host');
    const viaAlias = ok(parseCommandLine(run, ['--net', 'mynet', 'alpine']));
    expect(viaAlias.flags.network).toBe('mynet');
    expect(viaAlias.given.has('network')).toBe(true);
    expect(ok(parseCommandLine(run, ['--net=', 'alpine'])).flags.network).toBe('');
  });

  it('treats long bools as switches and accepts --flag=false', () => {
    expect(ok(parseCommandLine(run, ['--rm', 'alpine'])).flags.rm).toBe(true);
    const off = ok(parseCommandLine(run, ['--rm=false', '-d=false', 'alpine']));
    expect(off.flags).toMatchObject({ rm: false, detach: false });
    expect(off.given.has('rm')).toBe(true);
    // A separate word is never a bool's value.
    expect(ok(parseCommandLine(networkCreate, ['--internal', 'false'])).args).toEqual(['false']);
  });

  it('accumulates repeated stringArray flags and keeps the last repeated string', () => {
    const r = ok(parseCommandLine(run, ['-p', '80:80', '--publish=443:443', '--name', 'a', '--name', 'b', 'nginx']));
    expect(r.flags.publish).toEqual(['80:80', '443:443']);
    expect(r.flags.name).toBe('b');
  });

  it('fills in defaults for flags not given, and only those', () => {
    const r = ok(parseCommandLine(networkCreate, ['mynet']));
    expect(r.flags).toEqual({ driver: 'bridge', ipv4: true, 'ipam-driver': 'default' });
    expect(r.given.size).toBe(0);
    expect(ok(parseCommandLine(networkCreate, ['-d', 'overlay', 'x'])).flags.driver).toBe('overlay');
    expect(ok(parseCommandLine(ps, [])).flags.last).toBe(-1);
  });

  it('parses ints like strconv.ParseInt base 0', () => {
    expect(ok(parseCommandLine(ps, ['-n', '3'])).flags.last).toBe(3);
    expect(ok(parseCommandLine(ps, ['-n=-2'])).flags.last).toBe(-2);
    expect(ok(parseCommandLine(ps, ['--last', '0x10'])).flags.last).toBe(16);
    expect(ok(parseCommandLine(ps, ['--last', '010'])).flags.last).toBe(8);
    expect(ok(parseCommandLine(ps, ['--last', '1_000'])).flags.last).toBe(1000);
  });

  it('stops at "--" and keeps a lone "-" as an argument', () => {
    expect(ok(parseCommandLine(networkCreate, ['--', '-d'])).args).toEqual(['-d']);
    const r = ok(parseCommandLine(run, ['alpine', 'cat', '-']));
    expect(r.args).toEqual(['alpine', 'cat', '-']);
    expect(ok(parseCommandLine(networkCreate, ['-', '--internal'])).args).toEqual(['-']);
  });

  it('mixes flags and arguments for interspersed commands', () => {
    const r = ok(parseCommandLine(networkCreate, ['mynet', '--internal', '-d', 'bridge']));
    expect(r.args).toEqual(['mynet']);
    expect(r.flags).toMatchObject({ internal: true, driver: 'bridge' });
  });

  it('stops at the image for docker run: later flags belong to the container', () => {
    const r = ok(parseCommandLine(run, ['--rm', 'alpine', 'ls', '-la', '--help', '-p', '80']));
    expect(r.args).toEqual(['alpine', 'ls', '-la', '--help', '-p', '80']);
    expect(r.help).toBe(false);
    expect(r.flags.publish).toBeUndefined();
  });
});

describe('parseCommandLine: help', () => {
  it('sets help for --help and -h, before checking the argument count', () => {
    expect(ok(parseCommandLine(networkCreate, ['--help'])).help).toBe(true);
    expect(ok(parseCommandLine(networkCreate, ['-h'])).help).toBe(true);
    expect(ok(parseCommandLine(ps, ['extra', '--help'])).help).toBe(true);
    expect(ok(parseCommandLine(networkCreate, ['--help=false', 'x'])).help).toBe(false);
  });

  it('leaves -h to a command that defines it (docker run -h is --hostname)', () => {
    const r = ok(parseCommandLine(run, ['-h', 'box', 'alpine']));
    expect(r.flags.hostname).toBe('box');
    expect(r.help).toBe(false);
    expect(ok(parseCommandLine(run, ['--help'])).help).toBe(true);
  });

  it('still reports a bad flag given with --help', () => {
    expect(fail(parseCommandLine(networkCreate, ['--help', '--bogus'])).error).toMatch(/^unknown flag: --bogus\n/);
  });
});

describe('parseCommandLine: flag errors (exit 125)', () => {
  it('reports an unknown long flag with the usage line', () => {
    const r = fail(parseCommandLine(run, ['--foo', 'alpine']));
    expect(r.error).toBe(
      "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information",
    );
    expect(r.exitCode).toBe(125);
    expect(fail(parseCommandLine(run, ['--foo=bar', 'alpine'])).error).toMatch(/^unknown flag: --foo\n/);
  });

  it('reports an unknown shorthand with the rest of its word', () => {
    const r = fail(parseCommandLine(run, ['-z', 'alpine']));
    expect(r.error).toBe(
      "unknown shorthand flag: 'z' in -z\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information",
    );
    expect(r.exitCode).toBe(125);
    expect(fail(parseCommandLine(run, ['-itz', 'alpine'])).error).toMatch(/^unknown shorthand flag: 'z' in -z\n/);
    expect(fail(parseCommandLine(run, ['-zit', 'alpine'])).error).toMatch(/^unknown shorthand flag: 'z' in -zit\n/);
  });

  it('reports a missing value', () => {
    const long = fail(parseCommandLine(run, ['--network']));
    expect(long.error).toBe(
      "flag needs an argument: --network\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information",
    );
    expect(long.exitCode).toBe(125);
    expect(fail(parseCommandLine(run, ['--net'])).error).toMatch(/^flag needs an argument: --net\n/);
    expect(fail(parseCommandLine(run, ['-p'])).error).toMatch(/^flag needs an argument: 'p' in -p\n/);
    expect(fail(parseCommandLine(run, ['-dp'])).error).toMatch(/^flag needs an argument: 'p' in -p\n/);
  });

  it('reports a bad int with pflag’s and strconv’s wording', () => {
    const r = fail(parseCommandLine(run, ['-c', 'abc', 'alpine']));
    expect(r.error).toBe(
      'invalid argument "abc" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "abc": invalid syntax' +
        "\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information",
    );
    expect(r.exitCode).toBe(125);
    expect(fail(parseCommandLine(ps, ['--last=9223372036854775808'])).error).toMatch(
      /^invalid argument "9223372036854775808" for "-n, --last" flag: strconv.ParseInt: parsing "9223372036854775808": value out of range\n/,
    );
    expect(fail(parseCommandLine(ps, ['--last', '1__0'])).error).toMatch(/invalid syntax/);
  });

  it('reports a bad bool with strconv.ParseBool’s wording', () => {
    expect(fail(parseCommandLine(run, ['--rm=yes', 'alpine'])).error).toMatch(
      /^invalid argument "yes" for "--rm" flag: strconv.ParseBool: parsing "yes": invalid syntax\n\nUsage:  docker run/,
    );
    expect(fail(parseCommandLine(run, ['-d=maybe', 'alpine'])).error).toMatch(/^invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool/);
  });

  it('checks uint16 ranges like strconv.ParseUint', () => {
    const spec: CommandSpec = { ...ps, flags: [{ name: 'port', kind: 'uint16' }] };
    expect(ok(parseCommandLine(spec, ['--port', '65535'])).flags.port).toBe(65535);
    expect(fail(parseCommandLine(spec, ['--port', '65536'])).error).toMatch(
      /^invalid argument "65536" for "--port" flag: strconv.ParseUint: parsing "65536": value out of range\n/,
    );
    expect(fail(parseCommandLine(spec, ['--port', '-1'])).error).toMatch(/parsing "-1": invalid syntax/);
  });

  it('rejects ---flag and --=x as bad syntax', () => {
    expect(fail(parseCommandLine(ps, ['---all'])).error).toMatch(/^bad flag syntax: ---all\n/);
    expect(fail(parseCommandLine(ps, ['--=x'])).error).toMatch(/^bad flag syntax: --=x\n/);
  });
});

describe('parseCommandLine: argument counts (exit 1)', () => {
  it('requires an exact count', () => {
    const r = fail(parseCommandLine(networkCreate, []));
    expect(r.error).toBe(
      "docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun 'docker network create --help' for more information",
    );
    expect(r.exitCode).toBe(1);
    expect(fail(parseCommandLine(networkCreate, ['a', 'b'])).error).toMatch(/^docker: 'docker network create' requires 1 argument\n/);
    const two: CommandSpec = { ...networkCreate, path: 'docker network connect', usage: 'docker network connect [OPTIONS] NETWORK CONTAINER', args: { min: 2, max: 2 } };
    expect(fail(parseCommandLine(two, ['n'])).error).toMatch(/^docker: 'docker network connect' requires 2 arguments\n/);
  });

  it('requires a minimum, with the "See" wording docker really prints', () => {
    const r = fail(parseCommandLine(run, ['-d']));
    expect(r.error).toBe(
      "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information",
    );
    expect(r.exitCode).toBe(1);
    expect(ok(parseCommandLine(run, ['alpine', 'echo', 'hi'])).args).toHaveLength(3);
  });

  it('refuses arguments to a command that takes none', () => {
    const r = fail(parseCommandLine(ps, ['extra']));
    expect(r.error).toBe("docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information");
    expect(r.exitCode).toBe(1);
  });

  it('limits a maximum and a range with Docker 28’s wording', () => {
    const atMost: CommandSpec = { ...ps, path: 'docker x', usage: 'docker x [NAME]', args: { min: 0, max: 1 } };
    expect(fail(parseCommandLine(atMost, ['a', 'b'])).error).toBe(
      "docker: 'docker x' requires at most 1 argument\n\nUsage:  docker x [NAME]\n\nSRun 'docker x --help' for more information",
    );
    const range: CommandSpec = { ...ps, path: 'docker y', usage: 'docker y A [B]', args: { min: 1, max: 2 } };
    expect(fail(parseCommandLine(range, [])).error).toBe(
      "docker: 'docker y' requires at least 1 and at most 2 arguments\n\nUsage:  docker y A [B]\n\nRun 'docker y --help' for more information",
    );
    expect(ok(parseCommandLine(range, ['a', 'b'])).args).toEqual(['a', 'b']);
  });

  it('reports a flag error before an argument-count error', () => {
    expect(fail(parseCommandLine(networkCreate, ['--nope'])).exitCode).toBe(125);
  });
});

describe('renderHelp', () => {
  // docker/cli@v28.5.2 cli/cobra.go usageTemplate starts with "Usage:"; there is no empty line before it.
  it('renders docker network create --help like cobra, wrapped at 80 columns', () => {
    expect(renderHelp(networkCreate)).toBe(
      [
        'Usage:  docker network create [OPTIONS] NETWORK',
        '',
        'Create a network',
        '',
        'Options:',
        '      --attachable           Enable manual container attachment',
        '      --config-from string   The network from which to copy the configuration',
        '  -d, --driver string        Driver to manage the Network (default "bridge")',
        '      --internal             Restrict external access to the network',
        '      --ipam-driver string   IP Address Management Driver (default "default")',
        '      --ipv4                 Enable or disable IPv4 address assignment',
        '                             (default true)',
        '      --label list           Set metadata on a network',
        '  -o, --opt map              Set driver specific options',
        "      --scope string         Control the network's scope",
        '      --subnet strings       Subnet in CIDR format that represents a',
        '                             network segment',
        '',
      ].join('\n'),
    );
  });

  it('does not wrap on a wide terminal', () => {
    expect(renderHelp(networkCreate, { width: 200 })).toContain(
      '      --subnet strings       Subnet in CIDR format that represents a network segment\n',
    );
  });

  it('lists short flags first on their line and leaves out hidden ones', () => {
    const help = renderHelp(run);
    expect(help).toContain('\n  -d, --detach            Run container in background and print container ID\n');
    expect(help).toContain('\n      --network network   Connect a container to a network\n');
    expect(help).toContain("\n  -p, --publish list      Publish a container's port(s) to the host\n");
    expect(help).toContain(
      '\n      --rm                Automatically remove the container and its\n' +
        '                          associated anonymous volumes when it exits\n',
    );
    expect(help).not.toContain('--help');
    expect(help).not.toContain('--net ');
    expect(renderHelp(networkCreate)).not.toContain('secret-thing');
  });

  it('shows a `quoted` word from the description as the value name', () => {
    const spec: CommandSpec = { ...ps, flags: [{ name: 'filter', short: 'f', kind: 'stringArray', description: 'Filter output based on conditions provided (`filter`)' }] };
    expect(renderHelp(spec)).toContain('  -f, --filter filter   Filter output based on conditions provided (filter)\n');
  });

  it('adds Aliases and Examples sections and omits Options when there are none', () => {
    const spec: CommandSpec = {
      path: 'docker ps',
      usage: 'docker ps [OPTIONS]',
      description: '  List containers\n',
      interspersed: true,
      args: { min: 0, max: 0 },
      flags: [],
      aliasLine: 'docker container ls, docker container list, docker container ps, docker ps',
      example: '  docker ps -a',
    };
    expect(renderHelp(spec)).toBe(
      'Usage:  docker ps [OPTIONS]\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n\nExamples:\n  docker ps -a\n',
    );
  });
});

describe('parseCommandLine: pflag details the verb definitions rely on', () => {
  const spec: CommandSpec = {
    path: 'docker x',
    usage: 'docker x [OPTIONS]',
    description: 'x',
    interspersed: true,
    args: { min: 0, max: Infinity },
    flags: [
      { name: 'subnet', kind: 'stringSlice', description: 'Subnet' },
      { name: 'count', kind: 'uint', description: 'Count' },
      { name: 'timeout', short: 't', kind: 'int', description: 'Seconds', aliases: ['time'], deprecatedAliases: { time: 'use --timeout instead' } },
      { name: 'memory', short: 'm', kind: 'string', description: 'Memory', validate: (v) => (/^\d+[kmg]?$/.test(v) ? null : `invalid size: '${v}'`) },
    ],
  };

  it('StringSlice splits each use on commas (CSV) and accumulates', () => {
    expect(ok(parseCommandLine(spec, ['--subnet', '10.1.0.0/24,10.2.0.0/24', '--subnet=10.3.0.0/24'])).flags['subnet']).toEqual(['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24']);
    expect(ok(parseCommandLine(spec, ['--subnet', '"a,b",c'])).flags['subnet']).toEqual(['a,b', 'c']);
  });

  it('uint refuses a sign like strconv.ParseUint', () => {
    expect(fail(parseCommandLine(spec, ['--count', '-1'])).error).toMatch(/^invalid argument "-1" for "--count" flag: strconv.ParseUint: parsing "-1": invalid syntax\n/);
  });

  it('a deprecated alias works and leaves pflag\'s notice; -h as help leaves the shorthand notice', () => {
    const r = ok(parseCommandLine(spec, ['--time', '3']));
    expect(r.flags['timeout']).toBe(3);
    expect(r.notices).toEqual(['Flag --time has been deprecated, use --timeout instead']);
    const h = ok(parseCommandLine(spec, ['-h']));
    expect(h.help).toBe(true);
    expect(h.notices).toEqual(['Flag shorthand -h has been deprecated, use --help']);
    expect(ok(parseCommandLine(spec, ['--help'])).notices).toEqual([]);
  });

  it("a custom value's Set error is pflag's invalid argument error", () => {
    expect(fail(parseCommandLine(spec, ['-m', '12q'])).error).toMatch(/^invalid argument "12q" for "-m, --memory" flag: invalid size: '12q'\n\nUsage:  docker x \[OPTIONS\]/);
  });

  it("a command's own visible --help flag is the help flag (run and create)", () => {
    const withHelp: CommandSpec = { ...spec, flags: [...spec.flags, { name: 'help', kind: 'bool', description: 'Print usage' }] };
    expect(ok(parseCommandLine(withHelp, ['--help'])).help).toBe(true);
    expect(renderHelp(withHelp)).toMatch(/\n {6}--help {2,}Print usage\n/);
  });
});
