import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate, type ExecuteOptions, type TemplateFunc } from './gotemplate';

/** Renders a template the way `docker inspect -f` would show it, or returns the error text. */
function render(src: string, data: unknown = container, funcs?: Record<string, TemplateFunc>, options?: ExecuteOptions): string {
  const t = compileTemplate(src, funcs);
  if (!t.ok) return `PARSE ERROR: ${t.error}`;
  const r = t.execute(data, undefined, options);
  return r.ok ? r.text : `EXEC ERROR: ${r.error}`;
}

function parseError(src: string): string {
  const t = compileTemplate(src);
  if (t.ok) throw new Error(`expected a parse error for ${src}`);
  return t.error;
}

function execError(src: string, data: unknown = container, options?: ExecuteOptions): string {
  const t = compileTemplate(src);
  if (!t.ok) throw new Error(`unexpected parse error: ${t.error}`);
  const r = t.execute(data, undefined, options);
  if (r.ok) throw new Error(`expected an execution error, got ${JSON.stringify(r.text)}`);
  return r.error;
}

const container = {
  Id: '3e5c1b8a9f02d7c1a6b5e4f3d2c1b0a9f8e7d6c5b4a3928170615243f5e6d7c8',
  Name: '/web',
  State: { Status: 'running', Running: true, Pid: 4242, ExitCode: 0 },
  Config: {
    Hostname: '3e5c1b8a9f02',
    Env: ['PATH=/usr/bin', 'NGINX_VERSION=1.27'],
    Labels: { 'a.b': 'x<y&z', maintainer: 'NGINX Docker Maintainers' },
  },
  HostConfig: { NetworkMode: 'bridge' },
  NetworkSettings: {
    Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] },
    Networks: {
      mynet: { IPAddress: '10.0.1.2', IPPrefixLen: 24, Aliases: null, DNSNames: ['web', '3e5c1b8a9f02'] },
      bridge: { IPAddress: '172.17.0.2', IPPrefixLen: 16, Aliases: null, DNSNames: null },
    },
  },
};

describe('fields and printing', () => {
  it('prints fields, nested fields and map keys used as fields', () => {
    expect(render('{{.Name}}')).toBe('/web');
    expect(render('{{.State.Pid}} {{.State.Running}}')).toBe('4242 true');
    expect(render('{{.NetworkSettings.Networks.bridge.IPAddress}}')).toBe('172.17.0.2');
    expect(render('{{.NetworkSettings.Networks.bridge.IPPrefixLen}}')).toBe('16');
  });

  it('prints a missing key as <no value> and null as <nil>', () => {
    expect(render('{{.Nope}}')).toBe('<no value>');
    expect(render('{{.NetworkSettings.Networks.host.IPAddress}}')).toBe('<no value>');
    expect(render('{{.NetworkSettings.Networks.bridge.Aliases}}')).toBe('<nil>');
    const dot = compileTemplate('{{.}}');
    expect(dot.ok && dot.execute(undefined)).toEqual({ ok: true, text: '<no value>' });
  });

  it('prints lists as [a b] and objects as map[k:v] with sorted keys', () => {
    expect(render('{{.Config.Env}}')).toBe('[PATH=/usr/bin NGINX_VERSION=1.27]');
    expect(render('{{.State}}')).toBe('map[ExitCode:0 Pid:4242 Running:true Status:running]');
    expect(render('{{.NetworkSettings.Ports}}')).toBe('map[80/tcp:[map[HostIp:0.0.0.0 HostPort:8080]]]');
    expect(render('{{.NetworkSettings.Networks.mynet.DNSNames}}')).toBe('[web 3e5c1b8a9f02]');
  });

  it('prints numbers as Go does', () => {
    expect(render('{{.A}} {{.B}} {{.C}} {{.D}}', { A: 3, B: 2.5, C: -0, D: 1e-7 })).toBe('3 2.5 0 1e-07');
    expect(render('{{1.5}} {{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{-3}} {{\'a\'}}')).toBe('1.5 31 15 15 5 1000 -3 97');
  });

  it('uses $ for the root and . for the current value', () => {
    expect(render('{{with .State}}{{.Status}} of {{$.Name}}{{end}}')).toBe('running of /web');
    expect(render('{{$.Config.Hostname}}')).toBe('3e5c1b8a9f02');
  });

  it('keeps text around actions and trims with {{- and -}}', () => {
    expect(render('IP: {{.NetworkSettings.Networks.bridge.IPAddress}}\n')).toBe('IP: 172.17.0.2\n');
    expect(render('a  \n {{- .Name -}} \n  b')).toBe('a/webb');
    expect(render('x {{- /* a comment */ -}} y{{/* another */}}!')).toBe('xy!');
    expect(render('{{.Name}}}}')).toBe('/web}}');
    expect(render('{{-3}} {{3 -}} x')).toBe('-3 3x');
  });

  it('reads strings with Go escapes and raw backquoted strings', () => {
    expect(render('{{"tab\\there"}}|{{`raw\\t`}}|{{"\\x41\\u00e9\\101"}}')).toBe('tab\there|raw\\t|AéA');
  });
});

describe('range, if, with and variables', () => {
  it('ranges over a map in sorted key order with the value as dot', () => {
    expect(render('{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}')).toBe('172.17.0.2 10.0.1.2 ');
  });

  it('binds key and value variables', () => {
    expect(render('{{range $k,$v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}')).toBe(
      'bridge=172.17.0.2 mynet=10.0.1.2 ',
    );
    expect(render('{{range $i, $e := .Config.Env}}{{$i}}:{{$e}};{{end}}')).toBe('0:PATH=/usr/bin;1:NGINX_VERSION=1.27;');
    expect(render('{{range $e := .Config.Env}}{{$e}} {{end}}')).toBe('PATH=/usr/bin NGINX_VERSION=1.27 ');
  });

  it('runs {{else}} for an empty, null or missing collection', () => {
    expect(render('{{range .L}}x{{else}}none{{end}}', { L: [] })).toBe('none');
    expect(render('{{range .L}}x{{else}}none{{end}}', { L: {} })).toBe('none');
    expect(render('{{range .L}}x{{else}}none{{end}}', { L: null })).toBe('none');
    expect(render('{{range .Missing}}x{{else}}none{{end}}')).toBe('none');
  });

  it('supports {{break}}, {{continue}} and ranging over an integer', () => {
    expect(render('{{range .}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}', [1, 2, 3, 4])).toBe('12');
    expect(render('{{range .}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}', [1, 2, 3])).toBe('13');
    expect(render('{{range 3}}{{.}}{{end}}')).toBe('012');
  });

  it('chooses branches with if / else if / else by Go truth', () => {
    const t = '{{if .A}}a{{else if .B}}b{{else}}none{{end}}';
    expect(render(t, { A: 1, B: 1 })).toBe('a');
    expect(render(t, { A: 0, B: 'x' })).toBe('b');
    expect(render(t, { A: '', B: [] })).toBe('none');
    expect(render(t, { A: {}, B: null })).toBe('none');
    expect(render(t, { A: false })).toBe('none');
    expect(render(t, { A: { k: 1 } })).toBe('a');
  });

  it('moves dot with {{with}}, including {{else with}}', () => {
    expect(render('{{with .State}}{{.Status}}{{end}}')).toBe('running');
    expect(render('{{with .Nope}}x{{else}}no{{end}}')).toBe('no');
    expect(render('{{with .Nope}}x{{else with .Name}}{{.}}{{end}}')).toBe('/web');
  });

  it('declares and assigns variables, scoped to the enclosing block', () => {
    expect(render('{{$n := len .Config.Env}}{{$n}} {{$n = 7}}{{$n}}')).toBe('2 7');
    expect(render('{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}')).toBe('2');
    expect(parseError('{{range $k, $v := .}}{{end}}{{$k}}')).toBe('template: :1: undefined variable "$k"');
  });
});

describe('pipelines and functions', () => {
  it('pipes a value into the last argument', () => {
    expect(render('{{.State.Pid | printf "%06d"}}')).toBe('004242');
    expect(render('{{.Name | len}}')).toBe('4');
    expect(render('{{"running" | eq .State.Status}}')).toBe('true');
  });

  it('evaluates parenthesised arguments', () => {
    expect(render('{{len (index .Config.Env 1)}}')).toBe('18');
    expect(render('{{(index .NetworkSettings.Networks "bridge").IPAddress}}')).toBe('172.17.0.2');
  });

  it('indexes maps and lists', () => {
    expect(render('{{index .Config.Labels "a.b"}}')).toBe('x<y&z');
    expect(render('{{index .Config.Env 0}}')).toBe('PATH=/usr/bin');
    expect(render('{{index .NetworkSettings.Ports "80/tcp" 0 "HostPort"}}')).toBe('8080');
    // docker's labels are map[string]string: a missing one is an empty string.
    expect(render('[{{index .Config.Labels "nope"}}]')).toBe('[]');
    expect(render('[{{index .Labels "nope"}}]', { Labels: null })).toBe('[]');
  });

  it('compares with eq ne lt le gt ge', () => {
    expect(render('{{eq .State.Status "exited" "running"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}')).toBe(
      'true true true true true false',
    );
    expect(render('{{eq .Nope "x"}}')).toBe('false');
  });

  it('combines with and, or and not, short-circuiting like Go', () => {
    expect(render('{{and 1 0 2}} {{and 1 2}} {{or 0 "" "z"}} {{or 0 ""}} {{not 0}} {{not "x"}}')).toBe('0 2 z  true false');
    // The unknown field after a decisive argument is never evaluated.
    expect(render('{{or .Name .Name.Nope}}')).toBe('/web');
  });

  it('formats with print, println and printf', () => {
    expect(render('{{print 1 2 "a" 3 "b" "c"}}')).toBe('1 2a3bc');
    expect(render('{{println "x" 1}}')).toBe('x 1\n');
    expect(render('{{printf "%s has %d%%" .Name 5}}')).toBe('/web has 5%');
    expect(render('{{printf "%5.2f|%-4s|%x|%X|%q|%t|%v" 3.14159 "ab" 255 255 "a\\tb" true .Config.Env}}')).toBe(
      ' 3.14|ab  |ff|FF|"a\\tb"|true|[PATH=/usr/bin NGINX_VERSION=1.27]',
    );
    expect(render('{{printf "%d %s" "x" 5}}')).toBe('%!d(string=x) %!s(int=5)');
    expect(render('{{printf "%d %d" 1}}|{{printf "%d" 1 2}}')).toBe('1 %!d(MISSING)|1%!(EXTRA int=2)');
  });

  it('provides docker’s json, join, split, title, lower, upper, pad and truncate', () => {
    expect(render('{{json .State}}')).toBe('{"Status":"running","Running":true,"Pid":4242,"ExitCode":0}');
    expect(render('{{join .Config.Env ","}}')).toBe('PATH=/usr/bin,NGINX_VERSION=1.27');
    expect(render('{{split "a,b,c" ","}} {{len (split "a,b,c" ",")}}')).toBe('[a b c] 3');
    expect(render('{{title "hello wORLD-x_y"}} {{lower "ABC"}} {{upper "abc"}}')).toBe('Hello WORLD-X_y abc ABC');
    expect(render('[{{pad "x" 2 1}}][{{pad "" 2 1}}]')).toBe('[  x ][]');
    expect(render('{{truncate .Id 12}} {{truncate "ab" 5}}')).toBe('3e5c1b8a9f02 ab');
  });

  it('calls a function-valued field as a method, with arguments', () => {
    const ctx = { Label: (k: unknown) => (k === 'tier' ? 'web' : ''), Names: () => 'web,db' };
    expect(render('{{.Label "tier"}}|{{.Names}}|{{"tier" | .Label}}', ctx)).toBe('web|web,db|web');
  });

  it('accepts custom functions and lets execute replace them', () => {
    const t = compileTemplate('{{shout .Name}}', { shout: (s) => `${String(s).toUpperCase()}!` });
    expect(t.ok && t.execute(container)).toEqual({ ok: true, text: '/WEB!' });
    expect(t.ok && t.execute(container, { shout: (s) => `<${String(s)}>` })).toEqual({ ok: true, text: '</web>' });
  });
});

describe('json', () => {
  it('encodes compactly in the object’s key order', () => {
    expect(render('{{json .}}', { B: 1, A: [true, null, 'x'], C: { z: 1, a: 2 } })).toBe('{"B":1,"A":[true,null,"x"],"C":{"z":1,"a":2}}');
    expect(render('{{json .NetworkSettings.Networks.bridge.DNSNames}} {{json .Nope}}')).toBe('null null');
  });

  it('does not HTML-escape, as docker turns that off, but escapes U+2028', () => {
    expect(render('{{json .Config.Labels}}')).toBe('{"a.b":"x<y&z","maintainer":"NGINX Docker Maintainers"}');
    expect(render('{{json .S}}', { S: 'a\u2028b\n"q"' })).toBe('"a\\u2028b\\n\\"q\\""');
  });

  it('prints nothing for a value Go cannot encode', () => {
    expect(render('[{{json .N}}]', { N: Number.NaN })).toBe('[]');
  });
});

describe('parse errors', () => {
  it.each([
    ['{{.Name', 'template: :1: unclosed action'],
    ['abc {{', 'template: :1: unclosed action'],
    ['{{foo .Name}}', 'template: :1: function "foo" not defined'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{if .A}}x', 'template: :1: unexpected EOF'],
    ['{{range .A}}x{{else}}y{{else}}z{{end}}', 'template: :1: expected end; found {{else}}'],
    ['{{.Name } }}', 'template: :1: unexpected "}" in operand'],
    ['{{ } }}', 'template: :1: unexpected "}" in command'],
    ['{{.Name}', 'template: :1: bad character U+007D \'}\''],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{if}}{{end}}', 'template: :1: missing value for if'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{`abc}}', 'template: :1: unterminated raw quoted string'],
    ['{{(1}}', 'template: :1: unclosed left paren'],
    ['{{1)}}', 'template: :1: unexpected right paren'],
    ['{{1x}}', 'template: :1: bad number syntax: "1x"'],
    ['{{"a\\q"}}', 'template: :1: invalid syntax'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{1 | 2}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{range $a, $b, $c := .}}{{end}}', 'template: :1: too many declarations in range'],
    ['{{/* never closed', 'template: :1: unclosed comment'],
    ['{{"x".Y}}', 'template: :1: unexpected . after term "\\"x\\""'],
  ])('%s → %s', (src, error) => {
    expect(parseError(src)).toBe(error);
  });

  it('reports the line of the problem', () => {
    expect(parseError('line one\nline two {{.A}}\n{{end}}')).toBe('template: :3: unexpected {{end}}');
  });

  it('does not know functions that were not given', () => {
    expect(parseError('{{shout .}}')).toBe('template: :1: function "shout" not defined');
    expect(parseError('{{constructor .}}')).toBe('template: :1: function "constructor" not defined');
  });
});

describe('execution errors', () => {
  it('names the field and the type when a field is read from a non-map', () => {
    expect(execError('{{.Name.Foo}}')).toBe('template: :1:7: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type string');
    expect(execError('{{.State.Pid.X}}')).toBe('template: :1:8: executing "" at <.State.Pid.X>: can\'t evaluate field X in type int');
  });

  it('points at the second field of a chain, in bytes, and shortens long contexts like Go', () => {
    expect(execError('✅ {{.Name.x}}')).toBe('template: :1:11: executing "" at <.Name.x>: can\'t evaluate field x in type string');
    expect(execError('{{.Name.Foo.Bar.Baz.Qux.Long}}')).toBe(
      'template: :1:7: executing "" at <.Name.Foo.Bar.Baz.Qu...>: can\'t evaluate field Foo in type string',
    );
    expect(execError('a\nbb {{.Name.Foo}}')).toBe('template: :2:10: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type string');
  });

  it('reports function errors at the call', () => {
    expect(execError('{{index .Config.Env 5}}')).toBe('template: :1:2: executing "" at <index .Config.Env 5>: error calling index: index out of range: 5');
    expect(execError('{{join .Config.Env}}')).toBe('template: :1:2: executing "" at <join>: wrong number of args for join: want 2 got 1');
    expect(execError('{{eq 1 "a"}}')).toBe('template: :1:2: executing "" at <eq 1 "a">: error calling eq: incompatible types for comparison');
    expect(execError('{{len 3}}')).toBe('template: :1:2: executing "" at <len 3>: error calling len: len of type int');
    expect(execError('{{upper 5}}')).toBe('template: :1:2: executing "" at <upper 5>: wrong type for value; expected string; got int');
  });

  it('turns a thrown error in a function into "error calling"', () => {
    const t = compileTemplate('{{boom}} {{.Fail}}', { boom: () => 'ok' });
    expect(t.ok && t.execute({ Fail: () => { throw new Error('kaput'); } })).toEqual({
      ok: false,
      error: 'template: :1:11: executing "" at <.Fail>: error calling Fail: kaput',
    });
    expect(t.ok && t.execute({}, { boom: () => { throw new Error('no'); } })).toEqual({
      ok: false,
      error: 'template: :1:2: executing "" at <boom>: error calling boom: no',
    });
  });

  it('rejects arguments to non-functions and ranges over scalars', () => {
    expect(execError('{{"a" "b"}}')).toBe('template: :1:2: executing "" at <"a">: can\'t give argument to non-function "a"');
    expect(execError('{{.Name | .State}}')).toBe('template: :1:10: executing "" at <.State>: State is not a method but has arguments');
    expect(execError('{{range .Name}}{{end}}')).toBe('template: :1:8: executing "" at <.Name>: range can\'t iterate over /web');
  });

  it('with missingkey=error, reports missing keys as docker inspect’s fallback does', () => {
    const opts: ExecuteOptions = { missingKey: 'error' };
    expect(execError('{{.Nope}}', container, opts)).toBe('template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"');
    expect(execError('{{.State.Health.Status}}', container, opts)).toBe(
      'template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health"',
    );
    expect(execError('{{.NetworkSettings.Networks.bridge.Aliases.x}}', container, opts)).toMatch(/nil pointer evaluating interface \{\}\.x$/);
    expect(render('{{.Name}}', container, undefined, opts)).toBe('/web');
  });
});

describe('robustness', () => {
  it('never throws, whatever the template and data', () => {
    const alphabet = fc.constantFrom('{{', '}}', '{{-', ' -}}', '.', '.A', '$', '$x', ':=', '=', '|', '(', ')', '"', '`', "'", ' ', '\n', 'if', 'else', 'end', 'range', 'with', 'break', 'len', 'index', 'printf', 'json', '1', '-', 'x', '/*', '*/', ',', '%d', '%');
    const source = fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join(''));
    const data = fc.jsonValue();
    fc.assert(
      fc.property(source, data, (src, value) => {
        const t = compileTemplate(src);
        if (!t.ok) return t.error.startsWith('template: ');
        const r = t.execute(value);
        return r.ok ? typeof r.text === 'string' : r.error.startsWith('template: ');
      }),
      { numRuns: 3000 },
    );
  });

  it('stops a runaway range instead of hanging the page', () => {
    expect(execError('{{range 100000000}}{{end}}')).toMatch(/^template: :1:\d+: executing "" at <.*>: too many steps/);
  });
});
