/**
 * Splits the byte stream xterm.js hands us (`onData`) into keys: printable text runs, control
 * keys and the escape sequences of arrows, Home/End, Delete and word moves. Pasted text arrives
 * as one chunk with "\r" between lines, so it splits into text and Enter keys in order.
 */

export type SpecialKey =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'tab'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'kill-word-back'
  | 'kill-word-forward'
  | 'kill-to-start'
  | 'kill-to-end'
  | 'interrupt'
  | 'eof'
  | 'clear-screen'
  | 'transpose'
  | 'reverse-search'
  | 'abort'
  | 'escape'
  | 'ctrl-p'
  | 'ctrl-q'
  | 'ignored';

export type Key = { kind: 'text'; text: string } | { kind: SpecialKey };

const CONTROL: Record<string, SpecialKey> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x01': 'home', // Ctrl-A
  '\x05': 'end', // Ctrl-E
  '\x02': 'left', // Ctrl-B
  '\x06': 'right', // Ctrl-F
  '\x10': 'ctrl-p', // Ctrl-P: history up, or the first of Docker's detach keys in a container
  '\x11': 'ctrl-q', // Ctrl-Q: the second detach key
  '\x0e': 'down', // Ctrl-N
  '\x15': 'kill-to-start', // Ctrl-U
  '\x0b': 'kill-to-end', // Ctrl-K
  '\x17': 'kill-word-back', // Ctrl-W
  '\x03': 'interrupt', // Ctrl-C
  '\x04': 'eof', // Ctrl-D
  '\x0c': 'clear-screen', // Ctrl-L
  '\x14': 'transpose', // Ctrl-T
  '\x12': 'reverse-search', // Ctrl-R
  '\x07': 'abort', // Ctrl-G
};

/** Final bytes of CSI sequences we understand (ESC [ params final). */
function csiKey(params: string, final: string): SpecialKey {
  const modified = params.includes(';5') || params.includes(';3'); // Ctrl or Alt held
  switch (final) {
    case 'A':
      return 'up';
    case 'B':
      return 'down';
    case 'C':
      return modified ? 'word-right' : 'right';
    case 'D':
      return modified ? 'word-left' : 'left';
    case 'H':
      return 'home';
    case 'F':
      return 'end';
    case '~':
      switch (params.split(';')[0]) {
        case '1':
        case '7':
          return 'home';
        case '4':
        case '8':
          return 'end';
        case '3':
          return 'delete';
        default:
          return 'ignored';
      }
    default:
      return 'ignored';
  }
}

export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') keys.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < data.length) {
    const ch = data[i] as string;
    if (ch === '\x1b') {
      flush();
      const next = data[i + 1];
      if (next === '[') {
        // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E.
        let j = i + 2;
        while (j < data.length && /[0-9;?<=>]/.test(data[j] as string)) j++;
        const final = data[j];
        if (final === undefined) {
          i = data.length;
          break;
        }
        keys.push({ kind: csiKey(data.slice(i + 2, j), final) });
        i = j + 1;
      } else if (next === 'O') {
        const final = data[i + 2];
        keys.push({ kind: final === undefined ? 'ignored' : csiKey('', final) });
        i += 3;
      } else if (next === 'b' || next === 'B') {
        keys.push({ kind: 'word-left' });
        i += 2;
      } else if (next === 'f' || next === 'F') {
        keys.push({ kind: 'word-right' });
        i += 2;
      } else if (next === 'd' || next === 'D') {
        keys.push({ kind: 'kill-word-forward' });
        i += 2;
      } else if (next === '\x7f' || next === '\b') {
        keys.push({ kind: 'kill-word-back' });
        i += 2;
      } else if (next === undefined) {
        keys.push({ kind: 'escape' });
        i += 1;
      } else {
        keys.push({ kind: 'ignored' });
        i += 2;
      }
      continue;
    }
    const control = CONTROL[ch];
    if (control !== undefined) {
      flush();
      keys.push({ kind: control });
      // "\r\n" from a pasted Windows text is one line break, not two.
      i += ch === '\r' && data[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch < ' ') {
      flush();
      keys.push({ kind: 'ignored' });
      i += 1;
      continue;
    }
    text += ch;
    i += 1;
  }
  flush();
  return keys;
}
