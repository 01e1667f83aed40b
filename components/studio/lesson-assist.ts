/**
 * Completion and hover for lesson.mdx in Monaco: front matter keys and values from the lesson's
 * JSON Schema (generated from zod), and the MDX components an author may use in the body.
 */
import type * as Monaco from 'monaco-editor/editor';

interface PropSchema {
  description?: string;
  enum?: string[];
  type?: string;
  properties?: Record<string, PropSchema>;
  default?: unknown;
}

/** The front matter's last line (0 when the model has none), 1-based. */
function frontMatterEnd(model: Monaco.editor.ITextModel): number {
  if (model.getLineContent(1).trim() !== '---') return 0;
  for (let line = 2; line <= model.getLineCount(); line++) if (/^(---|\.\.\.)\s*$/.test(model.getLineContent(line))) return line;
  return model.getLineCount();
}

/** The schema of the mapping the cursor's line belongs to (top level, or `lab:`'s). */
function scopeAt(model: Monaco.editor.ITextModel, line: number, root: PropSchema): PropSchema | null {
  const indent = /^\s*/.exec(model.getLineContent(line))?.[0].length ?? 0;
  if (indent === 0) return root;
  for (let l = line - 1; l >= 2; l--) {
    const text = model.getLineContent(l);
    const m = /^([A-Za-z]+):\s*$/.exec(text);
    if (m?.[1]) return root.properties?.[m[1]] ?? null;
    if (/^\S/.test(text)) return null;
  }
  return null;
}

const COMPONENTS: { label: string; insert: string; doc: string }[] = [
  { label: 'Run', insert: '<Run>\n${1:docker ps}\n</Run>', doc: 'A runnable block: each line is a command; the Run button types them into the lab terminal.' },
  { label: 'Exercise', insert: '<Exercise id="${1:exercise-id}">\n${2:The task, in a sentence or two.}\n</Exercise>', doc: 'Places exercises/<id>.yaml here; the order of these tags is the order of the exercises.' },
  { label: 'Terminal', insert: '<Terminal />', doc: 'Points the reader at the lab terminal.' },
  { label: 'Topology', insert: '<Topology />', doc: 'The live picture of the lab, inline.' },
  { label: 'Note', insert: '<Note>\n${1}\n</Note>', doc: 'A note callout.' },
  { label: 'Tip', insert: '<Tip>\n${1}\n</Tip>', doc: 'A tip callout.' },
  { label: 'Warning', insert: '<Warning>\n${1}\n</Warning>', doc: 'A warning callout.' },
];

export function registerLessonAssist(monaco: typeof Monaco, lessonSchema: Record<string, unknown>): void {
  const root = lessonSchema as PropSchema;
  monaco.languages.registerCompletionItemProvider('mdx', {
    triggerCharacters: ['<', ':', ' '],
    provideCompletionItems(model, position) {
      const end = frontMatterEnd(model);
      const lineText = model.getLineContent(position.lineNumber);
      const before = lineText.slice(0, position.column - 1);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      if (position.lineNumber > 1 && position.lineNumber < end) {
        const scope = scopeAt(model, position.lineNumber, root);
        const keyValue = /^\s*([A-Za-z]+):\s*\S*$/.exec(before);
        if (keyValue?.[1]) {
          const values = scope?.properties?.[keyValue[1]]?.enum ?? [];
          return { suggestions: values.map((v) => ({ label: v, kind: monaco.languages.CompletionItemKind.EnumMember, insertText: v, range })) };
        }
        if (/^\s*[A-Za-z]*$/.test(before) && scope?.properties) {
          return {
            suggestions: Object.entries(scope.properties).map(([key, s]) => ({
              label: key,
              kind: monaco.languages.CompletionItemKind.Property,
              insertText: s.type === 'object' ? `${key}:\n  ` : `${key}: `,
              documentation: s.description,
              range,
            })),
          };
        }
        return { suggestions: [] };
      }
      if (!/<[A-Za-z]*$/.test(before)) return { suggestions: [] };
      const lt = before.lastIndexOf('<');
      const tagRange = new monaco.Range(position.lineNumber, lt + 1, position.lineNumber, position.column);
      return {
        suggestions: COMPONENTS.map((c) => ({
          label: `<${c.label}>`,
          filterText: `<${c.label}`,
          kind: monaco.languages.CompletionItemKind.Snippet,
          insertText: c.insert,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          documentation: c.doc,
          range: tagRange,
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider('mdx', {
    provideHover(model, position) {
      if (position.lineNumber <= 1 || position.lineNumber >= frontMatterEnd(model)) return null;
      const m = /^(\s*)([A-Za-z]+):/.exec(model.getLineContent(position.lineNumber));
      if (!m?.[2] || position.column > (m[1]?.length ?? 0) + m[2].length + 1) return null;
      const prop = scopeAt(model, position.lineNumber, root)?.properties?.[m[2]];
      if (!prop?.description) return null;
      const values = prop.enum ? `\n\nOne of: ${prop.enum.map((v) => `\`${v}\``).join(', ')}` : '';
      return { contents: [{ value: `**${m[2]}**` }, { value: prop.description + values }] };
    },
  });
}
