import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable, formatTableCells, formatTabbedText } from './tabwriter';

describe('formatTable: docker tables from the reference', () => {
  it('lays out docker ps with an empty PORTS column', () => {
    const out = formatTable([
      ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
      ['602dbf1edc81', 'alpine', '"ash"', '4 seconds ago', 'Up 3 seconds', '', 'alpine2'],
      ['da33b7aa74b0', 'alpine', '"ash"', '17 seconds ago', 'Up 16 seconds', '', 'alpine1'],
    ]);
    expect(out).toBe(
      'CONTAINER ID   IMAGE     COMMAND   CREATED          STATUS          PORTS     NAMES\n' +
        '602dbf1edc81   alpine    "ash"     4 seconds ago    Up 3 seconds              alpine2\n' +
        'da33b7aa74b0   alpine    "ash"     17 seconds ago   Up 16 seconds             alpine1\n',
    );
  });

  it('measures the "…" in a truncated COMMAND as one column', () => {
    const out = formatTable([
      ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
      ['3e5c1b8a9f02', 'nginx', '"/docker-entrypoint.…"', '2 minutes ago', 'Up 2 minutes', '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp', 'web'],
    ]);
    expect(out).toBe(
      'CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS                                     NAMES\n' +
        '3e5c1b8a9f02   nginx     "/docker-entrypoint.…"   2 minutes ago   Up 2 minutes   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web\n',
    );
  });

  it('lays out docker network ls after swarm init', () => {
    const out = formatTable([
      ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
      ['495c570066be', 'bridge', 'bridge', 'local'],
      ['961c6cae9945', 'docker_gwbridge', 'bridge', 'local'],
      ['ff35ceda3643', 'host', 'host', 'local'],
      ['trtnl4tqnc3n', 'ingress', 'overlay', 'swarm'],
      ['c8357deec9cb', 'none', 'null', 'local'],
    ]);
    expect(out).toBe(
      'NETWORK ID     NAME              DRIVER    SCOPE\n' +
        '495c570066be   bridge            bridge    local\n' +
        '961c6cae9945   docker_gwbridge   bridge    local\n' +
        'ff35ceda3643   host              host      local\n' +
        'trtnl4tqnc3n   ingress           overlay   swarm\n' +
        'c8357deec9cb   none              null      local\n',
    );
  });

  it('makes a column len(header)+3 wide when the header is the longest cell', () => {
    expect(formatTable([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ['abc', 'n1', 'bridge', 'local']])).toBe(
      'NETWORK ID   NAME      DRIVER    SCOPE\n' + 'abc          n1        bridge    local\n',
    );
  });

  it('lays out docker images', () => {
    const out = formatTable([
      ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'],
      ['nginx', 'latest', '4f67c83422ec', '2 weeks ago', '192MB'],
      ['alpine', 'latest', 'a606584aa9aa', '5 weeks ago', '7.8MB'],
    ]);
    expect(out).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n' +
        'nginx        latest    4f67c83422ec   2 weeks ago   192MB\n' +
        'alpine       latest    a606584aa9aa   5 weeks ago   7.8MB\n',
    );
  });

  it('lays out docker history', () => {
    const out = formatTable([
      ['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'],
      ['a606584aa9aa', '5 weeks ago', 'CMD ["/bin/sh"]', '0B', 'buildkit.dockerfile.v0'],
      ['<missing>', '5 weeks ago', 'ADD alpine-minirootfs-3.20.1-x86_64.tar.gz /…', '7.8MB', 'buildkit.dockerfile.v0'],
    ]);
    expect(out).toBe(
      'IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT\n' +
        'a606584aa9aa   5 weeks ago   CMD ["/bin/sh"]                                 0B        buildkit.dockerfile.v0\n' +
        '<missing>      5 weeks ago   ADD alpine-minirootfs-3.20.1-x86_64.tar.gz /…   7.8MB     buildkit.dockerfile.v0\n',
    );
  });

  it('lays out docker node ls, where an empty MANAGER STATUS keeps its padding', () => {
    const out = formatTable([
      ['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION'],
      ['vz1mm9am11qcmo979tlrlox42 *', 'manager1', 'Ready', 'Active', 'Leader', '28.5.2'],
      ['nvp5rwavvb8lhdggo8fcf7plg  ', 'worker1', 'Ready', 'Active', '', '28.5.2'],
    ]);
    expect(out).toBe(
      'ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n' +
        'vz1mm9am11qcmo979tlrlox42 *   manager1   Ready     Active         Leader           28.5.2\n' +
        'nvp5rwavvb8lhdggo8fcf7plg     worker1    Ready     Active                          28.5.2\n',
    );
  });

  it('leaves trailing spaces only when the last column is empty', () => {
    expect(formatTable([['ERROR', 'PORTS'], ['', '']])).toBe('ERROR     PORTS\n' + '          \n');
    expect(formatTable([['A', 'B'], ['x', '']])).toBe('A         B\nx         \n');
  });

  it('never pads the last column and prints a one-column table as is', () => {
    expect(formatTable([['NAME'], ['web'], ['db']])).toBe('NAME\nweb\ndb\n');
    expect(formatTable([])).toBe('');
  });

  it('counts East-Asian wide characters as two columns', () => {
    expect(displayWidth('名前')).toBe(4);
    expect(displayWidth('é')).toBe(1);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(formatTable([['NAME', 'X'], ['コンテナ', 'y']])).toBe('NAME       X\nコンテナ   y\n');
    expect(formatTable([['NAME', 'X'], ['コンテナ名前', 'y']])).toBe(`NAME${' '.repeat(11)}X\nコンテナ名前${' '.repeat(3)}y\n`);
  });
});

describe('formatTableCells: rows of different lengths', () => {
  it('shares a column width only within a run of rows that have that column', () => {
    expect(
      formatTableCells([
        ['a', 'b', 'c'],
        ['long-cell-here', 'x'],
        ['only'],
        ['q', 'r'],
      ]),
    ).toEqual(['a' + ' '.repeat(16) + 'b         c', 'long-cell-here   x', 'only', 'q         r']);
  });
});

describe('formatTabbedText: what `--format "table …"` output looks like', () => {
  it('splits cells at tabs and lines at newlines', () => {
    expect(formatTabbedText('NETWORK ID\tNAME\n495c570066be\tbridge\n')).toBe('NETWORK ID     NAME\n495c570066be   bridge\n');
  });

  it('keeps a missing final newline missing', () => {
    expect(formatTabbedText('a\tb')).toBe('a         b');
    expect(formatTabbedText('')).toBe('');
  });
});
