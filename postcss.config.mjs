/** Tailwind 4 runs as a single PostCSS plugin; it finds its sources by scanning the project. */
const config = {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};

export default config;
