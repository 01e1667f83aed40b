import { humanSize } from '../../../../util/humanize';
import { formatTable } from '../../../../util/tabwriter';
import { args, defineVerb, flag } from '../../cli/verb';
import { age, commandColumn, formatRows, isRunning, statusText } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';
import { shortImageId } from '../../lib/images';

/** "8.31MB (4%)": units.HumanSize and an integer percentage, only when the total is not zero. */
function reclaimable(bytes: number, total: number): string {
  return total > 0 ? `${humanSize(bytes, 4)} (${Math.trunc((bytes * 100) / total)}%)` : humanSize(bytes, 4);
}

/** docker/cli@v28.5.2 cli/command/system/df.go and cli/command/formatter/disk_usage.go. The lab has no volumes or build cache. */
export const df = defineVerb({
  path: 'system df',
  use: '[OPTIONS]',
  short: 'Show docker disk usage',
  flags: {
    format: flag.string('format', FORMAT_HELP),
    verbose: flag.bool('verbose', 'Show detailed information on space usage', { short: 'v' }),
  },
  args: args.none,
  run({ p, d, opts }) {
    const du = d.diskUsage();
    const now = d.now();
    if (opts.verbose) {
      let out = 'Images space usage:\n\n';
      const images = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS']];
      for (const img of du.images) {
        const [repo, tag] = img.repoTags[0] ? [img.repoTags[0].slice(0, img.repoTags[0].lastIndexOf(':')), img.repoTags[0].slice(img.repoTags[0].lastIndexOf(':') + 1)] : ['<none>', '<none>'];
        images.push([repo, tag, shortImageId(img.id), age(img.created, now), humanSize(img.size), humanSize(img.shared), humanSize(img.size - img.shared), String(img.containers)]);
      }
      out += formatTable(images);
      out += '\nContainers space usage:\n\n';
      const containers = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES']];
      for (const { c, sizeRw } of du.containers) {
        containers.push([c.id.slice(0, 12), c.image, commandColumn(c, false), '0', humanSize(sizeRw), age(c.created, now), statusText(c, now), c.name]);
      }
      out += formatTable(containers);
      out += '\nLocal Volumes space usage:\n\n' + formatTable([['VOLUME NAME', 'LINKS', 'SIZE']]);
      out += '\nBuild cache usage: 0B\n\n' + formatTable([['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED']]);
      p.out(out);
      return 0;
    }
    const imageTotal = du.images.reduce((s, i) => s + i.size, 0);
    const imageUsed = du.images.filter((i) => i.containers > 0).reduce((s, i) => s + i.size - i.shared, 0);
    const active = (c: (typeof du.containers)[number]['c']) => isRunning(c) || c.status === 'restarting';
    const ctrTotal = du.containers.reduce((s, x) => s + x.sizeRw, 0);
    const ctrFree = du.containers.filter((x) => !active(x.c)).reduce((s, x) => s + x.sizeRw, 0);
    const rows = [
      { Type: 'Images', TotalCount: String(du.images.length), Active: String(du.images.filter((i) => i.containers > 0).length), Size: humanSize(imageTotal, 4), Reclaimable: reclaimable(imageTotal - imageUsed, imageTotal) },
      { Type: 'Containers', TotalCount: String(du.containers.length), Active: String(du.containers.filter((x) => active(x.c)).length), Size: humanSize(ctrTotal, 4), Reclaimable: reclaimable(ctrFree, ctrTotal) },
      { Type: 'Local Volumes', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B' },
      { Type: 'Build Cache', TotalCount: '0', Active: '0', Size: '0B', Reclaimable: '0B' },
    ];
    const raw = 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
    const r = formatRows(opts.format === 'raw' ? raw : opts.format, rows, { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' }, '{{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}');
    if (!r.ok) {
      p.err(`${r.error}\n`);
      return r.code;
    }
    p.out(r.text);
    return 0;
  },
});
