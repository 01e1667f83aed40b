/** Lexer (after Go's text/template/parse/lex.go). */

import { count, goQuote } from './strconv';

export type ItemType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'field'
  | 'variable'
  | 'dot'
  | 'string'
  | 'rawString'
  | 'charConstant'
  | 'char'
  | 'number'
  | 'bool'
  | 'nil'
  | 'keyword'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'eof'
  | 'error';

export interface Item {
  type: ItemType;
  val: string;
  /** Index into the source (UTF-16 units; converted to Go's byte columns for messages). */
  pos: number;
  line: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

/** Go's item.String(), used in "unexpected X in Y" messages. */
export function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.val;
  if (item.type === 'keyword' || item.type === 'nil') return `<${item.val}>`;
  if (item.val.length > 10) return `${goQuote(item.val.slice(0, 10))}...`;
  return goQuote(item.val);
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined) => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));

export function lex(src: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (type: ItemType) => {
    items.push({ type, val: src.slice(start, pos), pos: start, line: startLine });
    startLine = line;
    start = pos;
  };
  // `line` is always the line at `pos`: only advance() moves forward over text.
  const ignore = () => {
    start = pos;
    startLine = line;
  };
  const fail = (message: string): false => {
    items.push({ type: 'error', val: message, pos: start, line: startLine });
    return false;
  };
  const advance = (n: number) => {
    line += count(src.slice(pos, pos + n), '\n');
    pos += n;
  };
  const hasLeftTrim = (at: number) => src[at] === '-' && isSpace(src[at + 1]);
  const hasRightTrim = (at: number) => isSpace(src[at]) && src[at + 1] === '-';
  /** [is the right delimiter here, with a trim marker] */
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrim(pos) && src.startsWith('}}', pos + 2)) return [true, true];
    return [src.startsWith('}}', pos), false];
  };
  const atTerminator = () => {
    const c = src[pos];
    return c === undefined || isSpace(c) || '.,|:)('.includes(c) || src.startsWith('}}', pos);
  };
  const codePointAt = (at: number) => (at < src.length ? String.fromCodePoint(src.codePointAt(at)!) : '');
  const skipLeadingSpace = () => {
    while (isSpace(src[pos])) advance(1);
    ignore();
  };

  /** Text up to the next "{{"; returns false at EOF. */
  const lexText = (): boolean => {
    const x = src.indexOf('{{', pos);
    if (x < 0) {
      advance(src.length - pos);
      if (pos > start) emit('text');
      return false;
    }
    advance(x - pos);
    let trimmed = pos;
    if (hasLeftTrim(pos + 2)) while (trimmed > start && isSpace(src[trimmed - 1])) trimmed--;
    if (trimmed > start) {
      const save = pos;
      pos = trimmed;
      emit('text');
      pos = save;
    }
    start = pos;
    startLine = line;
    return true;
  };

  /** At "{{": a comment, or the start of an action. Returns false on error. */
  const lexLeftDelim = (): boolean => {
    advance(2);
    const trim = hasLeftTrim(pos);
    const afterMarker = trim ? 2 : 0;
    if (src.startsWith('/*', pos + afterMarker)) {
      advance(afterMarker);
      ignore();
      const end = src.indexOf('*/', pos + 2);
      if (end < 0) return fail('unclosed comment');
      advance(end + 2 - pos);
      const [delim, trimRight] = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      advance((trimRight ? 2 : 0) + 2);
      if (trimRight) skipLeadingSpace();
      ignore();
      return true;
    }
    const delimItem: Item = { type: 'leftDelim', val: '{{', pos: start, line: startLine };
    advance(afterMarker);
    ignore();
    items.push(delimItem);
    parenDepth = 0;
    return lexInsideAction();
  };

  const lexRightDelim = () => {
    const [, trim] = atRightDelim();
    if (trim) {
      advance(2);
      ignore();
    }
    advance(2);
    emit('rightDelim');
    if (trim) skipLeadingSpace();
  };

  const lexQuoted = (quote: string, type: ItemType, unterminated: string): boolean => {
    for (;;) {
      const c = src[pos];
      if (c === undefined) return fail(unterminated);
      if (quote !== '`' && c === '\\') {
        const next = src[pos + 1];
        if (next === undefined || next === '\n') return fail(unterminated);
        advance(2);
        continue;
      }
      if (quote !== '`' && c === '\n') return fail(unterminated);
      advance(1);
      if (c === quote) break;
    }
    emit(type);
    return true;
  };

  const lexNumber = (): boolean => {
    if (src[pos] === '+' || src[pos] === '-') advance(1);
    let digits = '0123456789_';
    if (src[pos] === '0') {
      advance(1);
      const p = src[pos];
      const prefixed: Record<string, string> = { x: '0123456789abcdefABCDEF_', o: '01234567_', b: '01_' };
      const set = p === undefined ? undefined : prefixed[p.toLowerCase()];
      if (set) {
        digits = set;
        advance(1);
      }
    }
    const run = (set: string) => {
      while (src[pos] !== undefined && set.includes(src[pos]!)) advance(1);
    };
    run(digits);
    if (src[pos] === '.') {
      advance(1);
      run(digits);
    }
    if (digits.length === 11 && (src[pos] === 'e' || src[pos] === 'E')) {
      advance(1);
      if (src[pos] === '+' || src[pos] === '-') advance(1);
      run('0123456789_');
    }
    if (digits.length === 23 && (src[pos] === 'p' || src[pos] === 'P')) {
      advance(1);
      if (src[pos] === '+' || src[pos] === '-') advance(1);
      run('0123456789_');
    }
    if (src[pos] === 'i') advance(1);
    if (isAlphaNumeric(src[pos])) {
      advance(codePointAt(pos).length);
      return fail(`bad number syntax: ${goQuote(src.slice(start, pos))}`);
    }
    emit('number');
    return true;
  };

  /** ".Field" / "$var" (the sigil is already consumed). */
  const lexFieldOrVariable = (type: 'field' | 'variable'): boolean => {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return true;
    }
    while (pos < src.length && isAlphaNumeric(codePointAt(pos))) advance(codePointAt(pos).length);
    if (!atTerminator()) return fail(`bad character ${goRuneU(codePointAt(pos))}`);
    emit(type);
    return true;
  };

  const lexIdentifier = (): boolean => {
    while (pos < src.length && isAlphaNumeric(codePointAt(pos))) advance(codePointAt(pos).length);
    if (!atTerminator()) return fail(`bad character ${goRuneU(codePointAt(pos))}`);
    const word = src.slice(start, pos);
    if (KEYWORDS.has(word)) emit('keyword');
    else if (word === 'nil') emit('nil');
    else if (word === 'true' || word === 'false') emit('bool');
    else emit('identifier');
    return true;
  };

  const lexInsideAction = (): boolean => {
    for (;;) {
      const [delim] = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        lexRightDelim();
        return true;
      }
      const c = src[pos];
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        let n = 0;
        while (isSpace(src[pos])) {
          advance(1);
          n++;
        }
        // " -}}": the last space belongs to the trim marker.
        if (hasRightTrim(pos - 1) && src.startsWith('}}', pos + 1)) {
          pos--;
          if (src[pos] === '\n') line--;
          if (n === 1) continue;
        }
        emit('space');
        continue;
      }
      advance(1);
      let ok = true;
      switch (c) {
        case '=':
          emit('assign');
          break;
        case ':':
          if (src[pos] !== '=') return fail('expected :=');
          advance(1);
          emit('declare');
          break;
        case '|':
          emit('pipe');
          break;
        case '"':
          ok = lexQuoted('"', 'string', 'unterminated quoted string');
          break;
        case '`':
          ok = lexQuoted('`', 'rawString', 'unterminated raw quoted string');
          break;
        case "'":
          ok = lexQuoted("'", 'charConstant', 'unterminated character constant');
          break;
        case '$':
          ok = lexFieldOrVariable('variable');
          break;
        case '(':
          parenDepth++;
          emit('leftParen');
          break;
        case ')':
          parenDepth--;
          if (parenDepth < 0) return fail('unexpected right paren');
          emit('rightParen');
          break;
        default:
          if (c === '.' && !(src[pos]! >= '0' && src[pos]! <= '9')) {
            ok = lexFieldOrVariable('field');
          } else if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
            pos--;
            ok = lexNumber();
          } else if (isAlphaNumeric(codePointAt(pos - 1))) {
            pos--;
            ok = lexIdentifier();
          } else if (c >= ' ' && c <= '~') {
            emit('char');
          } else {
            return fail(`unrecognized character in action: ${goRuneU(codePointAt(pos - 1))}`);
          }
      }
      if (!ok) return false;
    }
  };

  for (;;) {
    if (!lexText()) break;
    if (!lexLeftDelim()) return items;
  }
  items.push({ type: 'eof', val: '', pos: src.length, line });
  return items;
}

/** Go's %#U: U+007D '}' */
function goRuneU(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}
