/**
 * Turns the text of a runnable block (`<Run>` or a ```sh run fence) into the command lines the
 * terminal runs, in order. Shared by the build (which bakes the list into the page) and tests.
 */

/** A leading "$ " prompt that authors sometimes paste along with a command ("#" starts a comment). */
const PROMPT_PREFIX = /^\$\s+(?=\S)/;

export function parseRunCommands(text: string): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (pending === '') {
      // Comment lines explain; they are not typed into the terminal.
      if (line === '' || line.startsWith('#')) continue;
    }
    const withoutPrompt = pending === '' ? line.replace(PROMPT_PREFIX, '') : line;
    if (withoutPrompt.endsWith('\\')) {
      // A trailing backslash continues the command on the next line, as in a shell script.
      pending += withoutPrompt.slice(0, -1).trimEnd() + ' ';
      continue;
    }
    const command = (pending + withoutPrompt).trim();
    pending = '';
    if (command !== '') commands.push(command);
  }
  if (pending.trim() !== '') commands.push(pending.trim());
  return commands;
}
