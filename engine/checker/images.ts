/** Image references as goals name them: "nginx" is docker.io/library/nginx, any tag unless one is given. */

function normImage(ref: string): string {
  return ref.replace(/^docker\.io\//, '').replace(/^library\//, '').replace(/:latest$/, '');
}

/** A goal image without a tag ("nginx") accepts any tag of that repository. */
export function imageMatches(actual: string, wanted: string): boolean {
  const a = normImage(actual.replace(/@sha256:[0-9a-f]+$/, ''));
  const w = normImage(wanted);
  if (a === w) return true;
  const lastSlash = w.lastIndexOf('/');
  const hasTag = w.lastIndexOf(':') > lastSlash;
  return !hasTag && a.startsWith(`${w}:`);
}
