import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/** docker/cli@v28.5.2 cli/command/image/pull.go */
export const pull = defineVerb({
  path: 'image pull',
  shortcut: 'pull',
  use: '[OPTIONS] NAME[:TAG|@DIGEST]',
  short: 'Download an image from a registry',
  top: 5,
  flags: {
    allTags: flag.bool('all-tags', 'Download all tagged images in the repository', { short: 'a' }),
    disableContentTrust: flag.bool('disable-content-trust', 'Skip image verification', { default: true }),
    platform: flag.string('platform', 'Set platform if server is multi-platform capable'),
    quiet: flag.bool('quiet', 'Suppress verbose output', { short: 'q' }),
  },
  args: args.exactly(1),
  completes: ['image'],
  run({ p, d, opts, args: [ref] }) {
    if (!ref!.includes(':') && !ref!.includes('@') && !opts.quiet) p.out('Using default tag: latest\n');
    let buffered = '';
    const res = d.imagePull(ref!, (t) => (buffered += t));
    if (!res.ok) {
      if (res.sim) {
        p.err(`${res.error}\n`);
        return 1;
      }
      return daemonError(p, res.error);
    }
    if (!opts.quiet) p.out(buffered);
    const { repository, tag } = d.registry.parse(ref!);
    const repo = repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
    p.out(`docker.io/${repo.includes('/') ? repo : `library/${repo}`}:${tag}\n`);
    p.rt.changed();
    return 0;
  },
});
