import type { PosixError } from './posix-re';

/** GNU grep's and sed's words for a bad pattern (regcomp's messages). */
export function gnuRegexMessage(e: PosixError): string {
  switch (e.kind) {
    case 'bracket':
      return 'Unmatched [, [^, [:, [., or [=';
    case 'paren':
      return 'Unmatched ( or \\(';
    case 'rparen':
      return 'Unmatched ) or \\)';
    case 'brace':
      return 'Unmatched \\{';
    case 'interval':
      return 'Invalid content of \\{\\}';
    case 'trailing':
      return 'Trailing backslash';
    case 'class':
      return 'Invalid character class name';
    case 'range':
      return 'Invalid range end';
    case 'toobig':
      return 'Regular expression too big';
    case 'backref':
    case 'invalid':
      return 'Invalid regular expression';
  }
}

/** musl's regerror texts, which BusyBox prints ("bad regex 'x': Missing ']'"). */
export function muslRegexMessage(e: PosixError): string {
  switch (e.kind) {
    case 'bracket':
      return "Missing ']'";
    case 'paren':
    case 'rparen':
      return "Missing ')'";
    case 'brace':
      return "Missing '}'";
    case 'interval':
    case 'toobig':
      return 'Invalid contents of {}';
    case 'trailing':
      return 'Trailing backslash';
    case 'class':
      return 'Unknown character class name';
    case 'range':
      return 'Invalid character range';
    case 'backref':
      return 'Invalid back reference';
    case 'invalid':
      return 'Invalid regexp';
  }
}
