/**
 * C1 control characters (U+0080–U+009F) are never typed by a key, yet xterm acts on them as
 * controls when they are echoed (U+009B is CSI, U+009D OSC, U+0090 DCS): a pasted or typed one
 * could recolour, move or retitle the terminal (issue 13, finding 8). Input drops them before
 * the line editor, the engine or xterm sees them. (7-bit controls such as ESC are key sequences
 * and are parsed as keys.)
 */
const C1_CONTROLS = /[\u0080-\u009f]/g;

export function stripC1(text: string): string {
  return text.replace(C1_CONTROLS, '');
}
