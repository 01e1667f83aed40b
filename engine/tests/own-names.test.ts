import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createLab } from '../index';

/**
 * Names that are members of Object.prototype are ordinary names (issue 13, finding 2): a script
 * using `constructor` must print what the same script prints with an ordinary name of the same
 * shape, in every command family that stores or looks up what the learner typed.
 */

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'] as const;

/** Same length, same first two characters (so sorting against other names is unchanged), same case pattern. */
function ordinary(name: string): string {
  return name.slice(0, 2) + name.slice(2).replace(/[a-z]/g, 'x').replace(/[A-Z]/g, 'X');
}

/** One step of a script; NN is the name under test, the rest are fixed. */
const STEPS = [
  // create, rename, inspect
  'docker run -d --name NN alpine sleep 1000',
  'docker create --name NN alpine',
  'docker rename c1 NN',
  'docker rename NN c2',
  'docker inspect -f "{{.Name}} {{.State.Status}}" NN',
  'docker start NN',
  'docker rm -f NN',
  'docker ps -a --format "{{.Names}}"',
  // networks
  'docker network create NN',
  'docker network create --label NN=v -o NN=w net2',
  'docker network inspect -f "{{.Name}} {{json .Labels}} {{json .Options}}" NN net2',
  'docker network connect NN c1',
  'docker network connect --alias NN net2 c1',
  'docker inspect -f "{{json .NetworkSettings.Networks}}" c1',
  'docker network disconnect NN c1',
  'docker network rm NN',
  'docker run --rm --network NN alpine true',
  'docker exec c1 nslookup NN',
  // labels
  'docker run -d --name c3 -l NN=x -l other alpine sleep 1000',
  'docker inspect -f \'{{json .Config.Labels}} {{index .Config.Labels "NN"}}\' c3',
  'docker ps --filter label=NN --format "{{.Names}} {{.Label \\"NN\\"}}"',
  'docker ps --filter label=NN=x --format "{{.Names}}"',
  'docker network ls --filter label=NN',
  // env
  'docker run --rm -e NN alpine env',
  'docker run --rm -e NN=1 alpine env',
  'echo "[$NN]"',
  'NN=5; echo "[$NN]"',
  'docker exec -e NN c1 env',
  'docker run --rm alpine sh -c \'echo "[$NN]"; NN=2; echo "[$NN]"\'',
  // filters
  'docker ps -a --filter name=NN --format "{{.Names}}"',
  'docker network ls --filter name=NN --format "{{.Name}}"',
  'docker ps --filter NN=x',
  'docker images --filter reference=NN',
  // other look-ups
  'ip NN',
  'docker NN',
  'NN',
] as const;

async function transcript(steps: readonly string[], name: string): Promise<string> {
  const lab = createLab({ seed: 5 });
  const s = lab.openSession();
  await s.run('docker run -d --name c1 alpine sleep 1000');
  let out = '';
  for (const step of steps) {
    const line = step.replaceAll('NN', name);
    const r = await s.run(line);
    out += `$ ${line} [${r.exitCode}]\n${r.output}`;
    while (s.container()) await s.run('exit');
  }
  out += JSON.stringify(lab.topology());
  return out;
}

/** The ordinary name's transcript, with that name written back as the hostile one (in any case). */
function asHostile(text: string, hostile: string): string {
  const o = ordinary(hostile);
  return text.replaceAll(o, hostile).replaceAll(o.toUpperCase(), hostile.toUpperCase()).replaceAll(o.toLowerCase(), hostile.toLowerCase());
}

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();

describe('Object.prototype member names are ordinary names', () => {
  afterAll(() => {
    // Nothing above may have written to Object.prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(prototypeBefore);
    expect(({} as Record<string, unknown>)['name']).toBeUndefined();
  });

  it('every command family prints for __proto__, constructor, toString… what it prints for an ordinary name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HOSTILE), fc.array(fc.constantFrom(...STEPS), { minLength: 2, maxLength: 7 }), async (name, steps) => {
        const hostile = await transcript(steps, name);
        const plain = asHostile(await transcript(steps, ordinary(name)), name);
        expect(hostile).toBe(plain);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('the findings of the review: rename to __proto__, echo $constructor, run --name constructor, network toString, -l __proto__, -e hasOwnProperty', async () => {
    const lab = createLab({ seed: 1 });
    const s = lab.openSession();
    const run = async (line: string) => (await s.run(line)).output;
    await run('docker run -d --name web alpine sleep 1000');
    expect(await run('docker rename __proto__ pwned')).toBe('Error response from daemon: No such container: __proto__\n');
    expect(await run('echo "[$constructor]"')).toBe('[]\n');
    expect(await run('docker run -d --name constructor alpine sleep 1000')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await run('docker run -d --name other alpine sleep 1000')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await run('docker network create toString')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await run('docker network connect toString constructor')).toBe('');
    expect(await run('docker run -d --name lab -l __proto__=x -e hasOwnProperty alpine sleep 1000')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await run('docker inspect -f "{{json .Config.Labels}} {{json .Config.Env}}" lab')).toBe(
      '{"__proto__":"x"} ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","hasOwnProperty="]\n',
    );
    expect(await run('docker ps --filter label=__proto__ --format "{{.Names}}"')).toBe('lab\n');
    expect(await run('docker ps --format "{{.Names}}" --filter network=toString')).toBe('constructor\n');
  });
});
