/** Parse tree (after Go's text/template/parse/node.go). */

interface TextNode {
  kind: 'text';
  text: string;
}

interface ActionNode {
  kind: 'action';
  pos: number;
  pipe: PipeNode;
}

export interface ControlNode {
  kind: 'if' | 'with' | 'range';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}

interface LoopControlNode {
  kind: 'break' | 'continue';
  pos: number;
}

export type Node = TextNode | ActionNode | ControlNode | LoopControlNode;
export interface ListNode {
  nodes: Node[];
}

export interface PipeNode {
  kind: 'pipe';
  pos: number;
  decl: string[];
  isAssign: boolean;
  cmds: CommandNode[];
}

export interface CommandNode {
  kind: 'command';
  pos: number;
  args: ArgNode[];
}

export type ArgNode =
  | { kind: 'field'; pos: number; idents: string[] }
  | { kind: 'variable'; pos: number; name: string; idents: string[] }
  | { kind: 'chain'; pos: number; node: ArgNode; fields: string[] }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; value: number; text: string }
  | { kind: 'string'; pos: number; value: string; quoted: string }
  | PipeNode;

export type Positioned = { pos: number };

/** Go's Node.String(), used as the "at <...>" context of execution errors. */
export function nodeString(node: Node | ArgNode | CommandNode | ListNode): string {
  if ('nodes' in node) return node.nodes.map(nodeString).join('');
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range':
      return (
        `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}` +
        (node.elseList ? `{{else}}${nodeString(node.elseList)}` : '') +
        '{{end}}'
      );
    case 'break':
    case 'continue':
      return `{{${node.kind}}}`;
    case 'pipe': {
      const decl = node.decl.length > 0 ? `${node.decl.join(', ')} ${node.isAssign ? '=' : ':='} ` : '';
      return decl + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return node.idents.map((i) => `.${i}`).join('');
    case 'variable':
      return [node.name, ...node.idents].join('.');
    case 'chain':
      return (node.node.kind === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node)) + node.fields.map((f) => `.${f}`).join('');
    case 'identifier':
      return node.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
  }
}
