/**
 * The engine's layers, enforced (npm run deps, part of npm test). Imports only point down:
 * util -> kernel -> apps -> docker (core types -> drivers -> daemon -> swarm) -> shell -> programs
 * -> lab -> index; checker and world read kernel/apps/docker. engine/api.ts is the public contract
 * (types only; it imports only the WorldSpec's types, from a leaf) and may be read from anywhere.
 * See docs/architecture.md.
 */
const E = '^engine/';
const NOT_TEST = '(?<!\\.test)\\.ts$';
const layer = (name, path, forbidden, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `${E}${path}`, pathNot: ['\\.test\\.ts$', '^engine/tests/'] },
  to: { path: forbidden.map((f) => `${E}${f}`) },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make layers meaningless and modules impossible to test alone.',
      from: {},
      to: { circular: true },
    },
    layer('util-is-the-floor', 'util/', ['(?!util/|api\\.ts$)'], 'util imports nothing of the engine.'),
    layer('kernel-below-apps', 'kernel/', ['(?!util/|kernel/|api\\.ts$)'], 'The Linux model knows nothing of apps, Docker or shells.'),
    layer('apps-below-docker', 'apps/', ['(?!util/|kernel/|apps/|api\\.ts$)'], 'Listeners and clients know the kernel only; Docker reaches them through AppEnv callbacks.'),
    layer('docker-core-types', 'docker/[^/]+$', ['docker/(drivers|daemon|swarm)/', '(shell|programs|lab|world|checker)/'], 'docker/*.ts are the shared types and the DaemonApi contract.'),
    layer('drivers-below-daemon', 'docker/drivers/', ['docker/(daemon|swarm)/', '(shell|programs|lab|world|checker)/'], 'A driver plumbs the kernel; it is called by the daemon, never the reverse.'),
    layer('daemon-below-swarm', 'docker/daemon/', ['docker/swarm/', '(shell|programs|lab|world|checker)/'], 'One daemon per host; the swarm sits above the daemons.'),
    layer('swarm-below-shell', 'docker/swarm/', ['(shell|programs|lab|world|checker)/'], 'The swarm layer drives daemons, not shells.'),
    layer('shell-below-programs', 'shell/', ['(programs|lab|world|checker)/'], 'The interpreter runs programs from a table it is given.'),
    layer('programs-below-lab', 'programs/', ['(lab|world|checker)/'], 'Programs run inside the shell; the lab composes them.'),
    {
      name: 'programs-use-the-daemon-api',
      severity: 'error',
      comment: 'Programs reach Docker only through DaemonApi (docker/api.ts) and its data types.',
      from: { path: `${E}programs/`, pathNot: ['\\.test\\.ts$'] },
      to: { path: `${E}docker/`, pathNot: [`${E}docker/(api|types|world)\\.ts$`] },
    },
    layer('checker-reads-below', 'checker/', ['(shell|programs|lab|world)/'], 'The checker grades kernel/apps/docker state; it never runs shells.'),
    layer('world-composes-below', 'world/', ['(shell|programs|lab|checker)/'], 'The composition root builds kernel, apps and daemons from a WorldSpec.'),
    {
      name: 'api-imports-only-the-world-spec',
      severity: 'error',
      comment: 'engine/api.ts is read from every layer: it may take types from engine/world/spec.ts (a leaf) and nothing else.',
      from: { path: `${E}api\\.ts$` },
      to: { path: E, pathNot: [`${E}world/spec\\.ts$`] },
    },
    {
      name: 'world-spec-is-a-leaf',
      severity: 'error',
      comment: 'The WorldSpec and its plan are read by api.ts, so they import util/ only (and zod).',
      from: { path: `${E}world/(spec|plan)\\.ts$` },
      to: { path: E, pathNot: [`${E}(util/|world/(spec|plan)\\.ts$)`] },
    },
    layer('lab-below-index', 'lab/', ['index\\.ts$'], 'Only the public face imports the lab.'),
    {
      name: 'ui-through-the-public-face',
      severity: 'error',
      comment: 'app/, components/ and lib/ reach the engine only through engine/index.ts.',
      from: { path: '^(app|components|lib)/' },
      to: { path: '^engine/', pathNot: ['^engine/index\\.ts$'] },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'The engine runs in the browser and in Node alike: no UI frameworks, no Node-only modules.',
      from: { path: '^engine/', pathNot: ['\\.test\\.ts$', '^engine/tests/'] },
      to: { path: ['node_modules/(react|react-dom|next|@xterm|xterm|monaco-editor|@monaco-editor)/'] },
    },
    {
      name: 'engine-no-node-builtins',
      severity: 'error',
      from: { path: '^engine/', pathNot: ['\\.test\\.ts$', '^engine/tests/'] },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|\\.next)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
