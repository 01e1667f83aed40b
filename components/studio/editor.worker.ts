// Monaco's editor worker, built by Turbopack from `new Worker(new URL('./editor.worker.ts', import.meta.url))`.
import 'monaco-editor/editor/editor.worker';
