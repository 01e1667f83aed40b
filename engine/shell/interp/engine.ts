import { execCommand, execScript } from './commands';
import { addParts, arithValue, expandPattern, expandWord, expandWords } from './expand';
import type { Engine } from './shell';
import { dispatch } from './simple';

/** Wires the interpreter's modules together (see Engine in shell.ts). */
export const ENGINE: Engine = { execScript, execCommand, dispatch, expandWords, expandWord, expandPattern, addParts, arithValue };
