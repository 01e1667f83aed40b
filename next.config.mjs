import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

const projectDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * A git worktree may share another checkout's node_modules through a symlink. Turbopack resolves
 * only inside its root (the project by default) and then cannot find `next`: make the root the
 * nearest folder holding both. Undefined (Next's own choice) for an ordinary node_modules.
 */
function sharedModulesRoot() {
  let modules;
  try {
    modules = realpathSync(path.join(projectDir, 'node_modules'));
  } catch {
    return undefined;
  }
  if (!path.relative(projectDir, modules).startsWith('..')) return undefined;
  let root = projectDir;
  while (path.relative(root, modules).startsWith('..')) root = path.dirname(root);
  return root;
}

/**
 * Docknet ships as a static export: `next build` writes `out/`, which any static file server
 * (or a USB stick) can host. Nothing here may need a Node server at runtime.
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: 'export',
  // The browser tests export fixture lessons elsewhere (e2e/fixture-site.ts); `out/` otherwise.
  ...(process.env.DOCKNET_EXPORT_DIR ? { distDir: process.env.DOCKNET_EXPORT_DIR } : {}),
  // `/lessons/01-containers/index.html` works on every static host, including ones that do
  // not map `/x` to `/x.html` (plain nginx, S3, `python -m http.server`).
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  // `npm test` runs `tsc --noEmit` (npm run typecheck) before the build: checking the same
  // project again inside `next build` cost 30-70 s per run on these 2-core machines.
  typescript: { ignoreBuildErrors: true },
  // Lessons compile at build time in Server Components: load the MDX compiler from node_modules.
  serverExternalPackages: ['@mdx-js/mdx'],
  turbopack: {
    root: sharedModulesRoot(),
    resolveAlias: {
      // monaco-yaml's worker imports Monaco's worker by a path that monaco-editor >= 0.56's exports
      // map no longer allows (upstream monaco-yaml #272).
      'monaco-editor/esm/vs/editor/editor.worker.js': 'monaco-editor/editor/editor.worker.js',
    },
  },
};

/**
 * Under `npm run dev` only: `route.dev.ts` files are routes (the studio's save route), and the
 * dev server is not held to static export rules (a route that writes files is not static).
 * `next build` never sees them and exports as before.
 */
export default function config(phase) {
  const pageExtensions = ['tsx', 'ts', 'jsx', 'js'];
  if (phase !== PHASE_DEVELOPMENT_SERVER) return { ...nextConfig, pageExtensions };
  const { output: _export, ...dev } = nextConfig;
  return { ...dev, pageExtensions: ['dev.ts', ...pageExtensions] };
}
