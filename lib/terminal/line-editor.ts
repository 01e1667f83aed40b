/**
 * The editable command line, as pure data: the text and the cursor index. Every editing key is a
 * function from one state to the next, so the shell can test and replay them without a terminal.
 */

export interface LineState {
  readonly text: string;
  readonly cursor: number;
}

export const EMPTY_LINE: LineState = { text: '', cursor: 0 };

export function lineOf(text: string, cursor = text.length): LineState {
  return { text, cursor: Math.max(0, Math.min(cursor, text.length)) };
}

export function insert(state: LineState, chunk: string): LineState {
  const text = state.text.slice(0, state.cursor) + chunk + state.text.slice(state.cursor);
  return { text, cursor: state.cursor + chunk.length };
}

export function backspace(state: LineState): LineState {
  if (state.cursor === 0) return state;
  return { text: state.text.slice(0, state.cursor - 1) + state.text.slice(state.cursor), cursor: state.cursor - 1 };
}

export function deleteForward(state: LineState): LineState {
  if (state.cursor >= state.text.length) return state;
  return { text: state.text.slice(0, state.cursor) + state.text.slice(state.cursor + 1), cursor: state.cursor };
}

export function moveTo(state: LineState, cursor: number): LineState {
  return lineOf(state.text, cursor);
}

/** Start of the word before the cursor (readline's backward-word: skip spaces, then non-spaces). */
export function wordStartBefore(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  while (i > 0 && !/\s/.test(text[i - 1] as string)) i--;
  return i;
}

/** End of the word after the cursor. */
export function wordEndAfter(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  while (i < text.length && !/\s/.test(text[i] as string)) i++;
  return i;
}

/** Ctrl-W: delete the whitespace-delimited word before the cursor. */
export function killWordBack(state: LineState): LineState {
  const start = wordStartBefore(state.text, state.cursor);
  return { text: state.text.slice(0, start) + state.text.slice(state.cursor), cursor: start };
}

export function killWordForward(state: LineState): LineState {
  const end = wordEndAfter(state.text, state.cursor);
  return { text: state.text.slice(0, state.cursor) + state.text.slice(end), cursor: state.cursor };
}

export function killToStart(state: LineState): LineState {
  return { text: state.text.slice(state.cursor), cursor: 0 };
}

export function killToEnd(state: LineState): LineState {
  return { text: state.text.slice(0, state.cursor), cursor: state.cursor };
}

/** Ctrl-T: swap the two characters around the cursor (at the end: the last two). */
export function transpose(state: LineState): LineState {
  const { text } = state;
  if (text.length < 2 || state.cursor === 0) return state;
  const at = state.cursor >= text.length ? text.length - 1 : state.cursor;
  const chars = text.split('');
  const a = chars[at - 1] as string;
  chars[at - 1] = chars[at] as string;
  chars[at] = a;
  return { text: chars.join(''), cursor: Math.min(at + 1, text.length) };
}

/** Replaces text[start, cursor) with `replacement` (tab completion). */
export function replaceBeforeCursor(state: LineState, start: number, replacement: string): LineState {
  const text = state.text.slice(0, start) + replacement + state.text.slice(state.cursor);
  return { text, cursor: start + replacement.length };
}
