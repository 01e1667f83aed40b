/**
 * github.com/google/shlex Split, as docker's ShlexOpt (`--args`, `--entrypoint`) uses it:
 * words split on whitespace, '...' literal, "..." with backslash escapes, # starts a comment.
 */
export function shellWords(input: string): string[] | string {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const add = (s: string) => (word = (word ?? '') + s);
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (ch === '#' && word === null) {
      while (i < input.length && input[i] !== '\n') i++;
    } else if (ch === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) return 'EOF found when expecting closing quote';
      add(input.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= input.length) return 'EOF found when expecting closing quote';
        const c = input[j]!;
        if (c === '"') break;
        if (c === '\\' && j + 1 < input.length && ['"', '\\', '$', '`', '\n'].includes(input[j + 1]!)) {
          text += input[j + 1];
          j += 2;
          continue;
        }
        text += c;
        j++;
      }
      add(text);
      i = j + 1;
    } else if (ch === '\\') {
      if (i + 1 >= input.length) return 'EOF found after escape character';
      add(input[i + 1]!);
      i += 2;
    } else {
      add(ch);
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
