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
};

export default nextConfig;
