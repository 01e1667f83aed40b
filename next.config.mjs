import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

/**
 * Docknet ships as a static export: `next build` writes `out/`, which any static file server
 * (or a USB stick) can host. Nothing here may need a Node server at runtime.
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: 'export',
  // `/lessons/01-containers/index.html` works on every static host, including ones that do
  // not map `/x` to `/x.html` (plain nginx, S3, `python -m http.server`).
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  // Lessons compile at build time in Server Components: load the MDX compiler from node_modules.
  serverExternalPackages: ['@mdx-js/mdx'],
  turbopack: {
    resolveAlias: {
      // monaco-yaml's worker imports Monaco's worker by a path that monaco-editor >= 0.56's exports
      // map no longer allows (upstream monaco-yaml #272).
      'monaco-editor/esm/vs/editor/editor.worker.js': 'monaco-editor/editor/editor.worker.js',
    },
  },
};

/** `route.dev.ts` files (the studio's save route) are routes under `npm run dev` only. */
export default function config(phase) {
  const pageExtensions = ['tsx', 'ts', 'jsx', 'js'];
  return { ...nextConfig, pageExtensions: phase === PHASE_DEVELOPMENT_SERVER ? ['dev.ts', ...pageExtensions] : pageExtensions };
}
