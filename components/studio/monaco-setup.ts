/**
 * Monaco for the studio, from the bundled package (never a CDN: the course works offline):
 * the editor core, the features authors use, MDX and YAML highlighting, monaco-yaml with the
 * exercise JSON Schema, and completion + hover for lesson.mdx front matter and components.
 * Imported only by the studio (next/dynamic, ssr: false), so no other page loads Monaco.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/languages/definitions/mdx/register';
import 'monaco-editor/languages/definitions/yaml/register';
import { configureMonacoYaml } from 'monaco-yaml';
import { registerLessonAssist } from './lesson-assist';

export type Monaco = typeof monaco;

function makeWorker(label: string): Worker {
  // Turbopack builds a worker only from this exact `new Worker(new URL(...))` shape, classic (no type: 'module').
  if (label === 'yaml') return new Worker(new URL('./yaml.worker.ts', import.meta.url));
  return new Worker(new URL('./editor.worker.ts', import.meta.url));
}

/**
 * Exercise files start with `# yaml-language-server: $schema=../../../docs/exercise.schema.json`
 * (for VS Code); from a model at file:///content/<slug>/exercises/ that names this URI, so the
 * schema is registered under it and nothing is ever fetched.
 */
const EXERCISE_SCHEMA_URI = 'file:///docs/exercise.schema.json';

/** JSON Schemas of the content, made from the zod schemas at build time (studio page props). */
export interface StudioSchemas {
  lesson: Record<string, unknown>;
  exercise: Record<string, unknown>;
}

let configured = false;
let schemasSet = false;

export function setupMonaco(): Monaco {
  if (configured) return monaco;
  configured = true;
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = { getWorker: (_id, label) => makeWorker(label) };
  loader.config({ monaco });

  // monaco-yaml 5.5 asks `editor.createWebWorker` for a worker by label; Monaco >= 0.55 wants the
  // Worker itself. Hand it one, primed the way monaco-worker-manager's worker side expects: a first
  // message that starts it, then its createData (upstream monaco-yaml #272).
  const yamlMonaco = {
    ...monaco,
    editor: {
      ...monaco.editor,
      createWebWorker: (options: { createData?: unknown; label?: string }) => {
        const worker = makeWorker(options.label ?? 'yaml');
        worker.postMessage('ignore');
        worker.postMessage(options.createData);
        return monaco.editor.createWebWorker({ ...options, worker } as Parameters<typeof monaco.editor.createWebWorker>[0]);
      },
    },
  };
  yamlConfig = () => yamlMonaco;
  monaco.editor.defineTheme('docknet', {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#0b1020' },
  });
  return monaco;
}

let yamlConfig: () => unknown = () => monaco;

/** Schema completion, hover and validation: exercise YAML (monaco-yaml) and lesson front matter. */
export function applySchemas(schemas: StudioSchemas): void {
  if (schemasSet) return;
  schemasSet = true;
  configureMonacoYaml(yamlConfig() as Parameters<typeof configureMonacoYaml>[0], {
    enableSchemaRequest: false,
    schemas: [{ fileMatch: ['**/exercises/*.yaml'], uri: EXERCISE_SCHEMA_URI, schema: schemas.exercise as never }],
  });
  registerLessonAssist(monaco, schemas.lesson);
}
