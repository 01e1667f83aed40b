import type { DaemonApi } from '../../../docker/api';
import type { Proc } from '../../../shell/types';
import { compileTemplate } from '../../../util/gotemplate';
import { normalizeRef } from './images';

/** docker inspect and the per-object inspect verbs: a JSON array indented by 4, or a template per object. */

export function printInspect(p: Proc, objects: unknown[], errors: string[], format: string): number {
  if (format === 'json') {
    // `-f json` is the compact form: one array on one line.
    p.out(JSON.stringify(objects) + '\n');
  } else if (format !== '') {
    const compiled = compileTemplate(format.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
    if (!compiled.ok) {
      p.err(`template parsing error: ${compiled.error}\n`);
      return 64;
    }
    for (const o of objects) {
      // The CLI retries a failing template on the raw JSON with missingkey=error, so a typo in a
      // field name is an error rather than "<no value>".
      const r = compiled.execute(o, {}, { missingKey: 'error' });
      if (!r.ok) {
        p.err(`template parsing error: ${r.error}\n`);
        return 1;
      }
      p.out(r.text + '\n');
    }
  } else if (objects.length > 0 || errors.length > 0) {
    p.out(JSON.stringify(objects, null, 4) + '\n');
  }
  for (const e of errors) p.err(`${e}\n`);
  return errors.length ? 1 : 0;
}

/** Looks each reference up as a container, image or network (in that order, or only `type`) and prints them. */
export function inspectObjects(p: Proc, d: DaemonApi, refs: string[], type: string, format: string): number {
  if (type && !['container', 'image', 'network', 'volume', 'config', 'node', 'plugin', 'secret', 'service', 'task'].includes(type)) {
    p.err(`"${type}" is not a valid value for --type\n`);
    return 1;
  }
  const objects: unknown[] = [];
  const errors: string[] = [];
  for (const ref of refs) {
    if (!type || type === 'container') {
      const c = d.container(ref);
      if (c.ok) {
        objects.push(d.containerInspect(c.value));
        continue;
      }
      if (type === 'container') {
        errors.push(`Error response from daemon: No such container: ${ref}`);
        continue;
      }
    }
    if (!type || type === 'image') {
      const img = d.image(ref);
      if (img) {
        objects.push(d.imageInspect(img));
        continue;
      }
      if (type === 'image') {
        errors.push(`Error response from daemon: No such image: ${normalizeRef(d, ref)}`);
        continue;
      }
    }
    if (!type || type === 'network') {
      const n = d.network(ref);
      if (n.ok) {
        objects.push(d.networkInspect(n.value));
        continue;
      }
      if (type === 'network') {
        errors.push(`Error response from daemon: ${n.error}`);
        continue;
      }
    }
    errors.push(`Error: No such object: ${ref}`);
  }
  return printInspect(p, objects, errors, format);
}
