'use client';

/**
 * The authoring studio (/studio/): a list of lessons, Monaco for lesson.mdx and the exercise YAML
 * (schema completion, hover and live errors), a live preview with the real lab, the Prove panel,
 * goal recording, and saving (dev route, folder, zip). Loaded only on /studio/.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseDocument } from 'yaml';
import { LabProvider } from '@/components/lab/LabProvider';
import { LESSON_FILE } from '@/lib/content/names';
import { EXERCISE_SCHEMA_COMMENT, scaffoldLesson } from '@/lib/content/scaffold';
import { loadDrafts, saveDrafts } from '@/lib/studio/drafts-storage';
import type { GoalInput } from '@/engine';
import { draftPaths, EXERCISE_PATH, isLessonSlug, type LessonDraft } from '@/lib/studio/lesson-draft';
import { canUseFolders, devRouteAvailable, downloadZip, openFolder, openZip, saveToDevRoute, saveToFolder } from './files-io';
import { setupMonaco, applySchemas, type Monaco, type StudioSchemas } from './monaco-setup';
import { lessonLabConfig, Preview } from './Preview';
import { ProvePanel } from './ProvePanel';
import { RecordPanel } from './RecordPanel';
import { loadAnalyzer, useLessonAnalysis } from './useLessonAnalysis';
import './studio.css';

const monaco = setupMonaco();

declare global {
  interface Window {
    /** For browser tests and the bench: the editor and when the preview last caught up. */
    __docknetStudio?: {
      monaco: Monaco;
      editor: Parameters<OnMount>[0] | null;
      previewAt: { version: number; at: number; editAt: number } | null;
      lastEditAt: number;
    };
  }
}

const uriOf = (slug: string, path: string) => `file:///content/${slug}/${path}`;
const languageOf = (path: string) => (path.endsWith('.yaml') ? 'yaml' : 'mdx');

const NEW_EXERCISE = (id: string) => `${EXERCISE_SCHEMA_COMMENT}
title: ${id.replace(/-/g, ' ')}
setup: []
goal:
  networks:
    - name: ${id.replace(/[^a-z0-9]/g, '')}net
hints:
  - Say what to look up, not what to type.
solution:
  - docker network create ${id.replace(/[^a-z0-9]/g, '')}net
`;

export interface StudioProps {
  /** The course's lessons as the build found them. */
  course: LessonDraft[];
  schemas: StudioSchemas;
}

export default function Studio({ course, schemas }: StudioProps) {
  applySchemas(schemas);
  const [drafts, setDrafts] = useState<Record<string, LessonDraft>>(() => {
    const all: Record<string, LessonDraft> = Object.create(null);
    for (const d of course) all[d.slug] = d;
    for (const d of loadDrafts()) all[d.slug] = d;
    return all;
  });
  const edited = useMemo(() => new Set(loadDrafts().map((d) => d.slug)), []);
  const [editedSlugs, setEditedSlugs] = useState<Set<string>>(edited);
  const [slug, setSlug] = useState<string>(() => course[0]?.slug ?? Object.keys(drafts)[0] ?? '');
  const [path, setPath] = useState(LESSON_FILE);
  const [editAt, setEditAt] = useState(0);
  const [panel, setPanel] = useState<'problems' | 'prove' | 'record'>('problems');
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [devRoute, setDevRoute] = useState(false);
  const [newSlug, setNewSlug] = useState('');
  const [newExercise, setNewExercise] = useState('');
  /** Bumped when models are replaced under the editor (open, discard): the editor starts over. */
  const [editorGeneration, setEditorGeneration] = useState(0);
  /** The preview (its lab, terminal and topology) starts once the editor is up: Monaco comes first. */
  const [editorReady, setEditorReady] = useState(false);
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  const draft = drafts[slug] ?? null;
  // Parsing and compiling (and the engine the schemas pull in) wait for the editor too.
  const analysis = useLessonAnalysis(editorReady ? draft : null, editAt);

  useEffect(() => {
    void devRouteAvailable().then(setDevRoute);
    window.__docknetStudio ??= { monaco, editor: null, previewAt: null, lastEditAt: 0 };
  }, []);

  // Keep unsaved work across reloads.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const keep = [...editedSlugs].flatMap((s) => (drafts[s] ? [drafts[s]] : []));
      if (!saveDrafts(keep)) setStatus({ tone: 'error', text: 'The browser refused to keep your drafts (storage full?): save or download them.' });
    }, 400);
    return () => window.clearTimeout(timer);
  }, [drafts, editedSlugs]);

  /** Models whose edits flow into the drafts (the Editor may create a model before we do). */
  const listening = useRef(new WeakSet<object>());

  /** The model of a file, created on first use, with its change listener. */
  const modelOf = useCallback((s: string, p: string) => {
    const uri = monaco.Uri.parse(uriOf(s, p));
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(draftsRef.current[s]?.files[p] ?? '', languageOf(p), uri);
    if (listening.current.has(model)) return model;
    listening.current.add(model);
    model.onDidChangeContent(() => {
      const at = performance.now();
      if (window.__docknetStudio) window.__docknetStudio.lastEditAt = at;
      setDrafts((all) => {
        const current = all[s];
        if (!current) return all;
        return { ...all, [s]: { ...current, files: { ...current.files, [p]: model.getValue() } } };
      });
      setEditedSlugs((e) => (e.has(s) ? e : new Set([...e, s])));
      setEditAt(at);
    });
    return model;
  }, []);

  // Every file of the open lesson has a model, so markers can show on any of them.
  useEffect(() => {
    if (draft) for (const p of draftPaths(draft)) modelOf(draft.slug, p);
  }, [draft, modelOf]);
  useEffect(() => {
    // The Editor's own effect may have made the model of a newly shown file before ours ran.
    if (slug) modelOf(slug, path);
  }, [slug, path, modelOf]);

  // Problems from the shared parser as editor markers (YAML schema problems come from monaco-yaml).
  useEffect(() => {
    if (!draft) return;
    const dir = `content/${draft.slug}/`;
    for (const p of draftPaths(draft)) {
      const model = monaco.editor.getModel(monaco.Uri.parse(uriOf(draft.slug, p)));
      if (!model) continue;
      const mine = analysis.problems.filter((x) => x.file === dir + p && !(p.endsWith('.yaml') && x.origin === 'yaml'));
      monaco.editor.setModelMarkers(
        model,
        'docknet',
        mine.map((x) => ({
          severity: monaco.MarkerSeverity.Error,
          message: x.field ? `${x.field}: ${x.message}` : x.message,
          startLineNumber: x.line,
          startColumn: x.column,
          endLineNumber: x.line,
          endColumn: model.getLineMaxColumn(Math.min(x.line, model.getLineCount())),
        })),
      );
    }
  }, [analysis, draft]);

  const jump = useCallback(
    (file: string, line: number, column: number) => {
      const prefix = `content/${slug}/`;
      if (!file.startsWith(prefix)) return;
      const target = file.slice(prefix.length);
      setPath(target);
      // After the editor has switched models.
      window.setTimeout(() => {
        const editor = editorRef.current;
        if (!editor) return;
        editor.setPosition({ lineNumber: line, column });
        editor.revealLineInCenter(line);
        editor.focus();
      }, 0);
    },
    [slug],
  );

  const addDrafts = (list: LessonDraft[], skipped: string[] = []) => {
    if (list.length === 0) {
      setStatus({ tone: 'error', text: `No lesson found (a lesson folder holds lesson.mdx)${skipped.length ? `; left out: ${skipped.join('; ')}` : ''}` });
      return;
    }
    for (const d of list) for (const p of Object.keys(d.files)) monaco.editor.getModel(monaco.Uri.parse(uriOf(d.slug, p)))?.dispose();
    setEditorGeneration((g) => g + 1);
    setDrafts((all) => ({ ...all, ...Object.fromEntries(list.map((d) => [d.slug, d])) }));
    setEditedSlugs((e) => new Set([...e, ...list.map((d) => d.slug)]));
    setSlug(list[0]!.slug);
    setPath(LESSON_FILE);
    setStatus({ tone: 'info', text: `Opened ${list.map((d) => d.slug).join(', ')}${skipped.length ? ` (left out: ${skipped.join('; ')})` : ''}` });
  };

  const createLesson = () => {
    const s = newSlug.trim();
    if (drafts[s]) return setStatus({ tone: 'error', text: `${s} exists already: pick it in the list` });
    const taken = Object.values(drafts).flatMap((d) => {
      const m = /^order:\s*(\d+)/m.exec(d.files[LESSON_FILE] ?? '');
      return m ? [Number(m[1])] : [];
    });
    const made = scaffoldLesson({ slug: s, takenOrders: taken });
    if ('error' in made) return setStatus({ tone: 'error', text: made.error });
    addDrafts([{ slug: s, files: Object.fromEntries(made.files.map((f) => [f.path, f.text])) }]);
    setStatus({ tone: 'info', text: `Created ${s}: lesson.mdx and exercises/first-network.yaml, which content:check accepts as they are.` });
    setNewSlug('');
  };

  const addExercise = () => {
    const id = newExercise.trim();
    const p = `exercises/${id}.yaml`;
    if (!draft || !EXERCISE_PATH.test(p)) return setStatus({ tone: 'error', text: `"${id}" is not an exercise id: lower-case letters, digits and dashes` });
    if (Object.hasOwn(draft.files, p)) return setStatus({ tone: 'error', text: `${p} exists already` });
    setDrafts((all) => ({ ...all, [draft.slug]: { ...draft, files: { ...draft.files, [p]: NEW_EXERCISE(id) } } }));
    setEditedSlugs((e) => new Set([...e, draft.slug]));
    const lessonModel = modelOf(draft.slug, LESSON_FILE);
    const end = lessonModel.getFullModelRange().getEndPosition();
    lessonModel.pushEditOperations(
      [],
      [
        {
          range: new monaco.Range(end.lineNumber, end.column, end.lineNumber, end.column),
          text: `\n<Exercise id="${id}">\nThe task, in a sentence or two.\n</Exercise>\n`,
        },
      ],
      () => null,
    );
    setNewExercise('');
    setPath(p);
  };

  const insertGoal = (exerciseId: string, goal: GoalInput) => {
    if (!draft) return;
    const p = `exercises/${exerciseId}.yaml`;
    const model = modelOf(draft.slug, p);
    const doc = parseDocument(model.getValue());
    doc.set('goal', doc.createNode(goal));
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: doc.toString({ lineWidth: 0 }) }], () => null);
    setPath(p);
    setStatus({ tone: 'info', text: `The recorded goal is now the goal of ${p}: prove it, then prune what the task does not ask for.` });
  };

  /** Drops the studio's copy of a lesson: back to the course's version (or gone, for a new one). */
  const discard = () => {
    if (!draft || !window.confirm(`Discard your changes to ${draft.slug}? This cannot be undone.`)) return;
    for (const p of Object.keys(draft.files)) monaco.editor.getModel(monaco.Uri.parse(uriOf(draft.slug, p)))?.dispose();
    setEditorGeneration((g) => g + 1);
    const original = course.find((d) => d.slug === draft.slug);
    setDrafts((all) => {
      const next = { ...all };
      if (original) next[draft.slug] = original;
      else delete next[draft.slug];
      return next;
    });
    setEditedSlugs((e) => new Set([...e].filter((s) => s !== draft.slug)));
    if (!original) setSlug(course[0]?.slug ?? '');
    setPath(LESSON_FILE);
    setStatus({ tone: 'info', text: original ? `${draft.slug} is back to the course's version.` : `${draft.slug} was discarded.` });
  };

  const run = async (what: () => Promise<string> | string) => {
    try {
      setStatus({ tone: 'info', text: await what() });
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') return;
      setStatus({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.onDidChangeModel(() => {
      const uri = editor.getModel()?.uri.path ?? '';
      const m = /^\/content\/([^/]+)\/(.+)$/.exec(uri);
      if (m?.[1] && m[2]) modelOf(m[1], m[2]);
    });
    if (window.__docknetStudio) window.__docknetStudio.editor = editor;
    performance.mark('docknet:studio-ready');
    setEditorReady(true);
  };

  const slugs = Object.keys(drafts).sort();
  const exerciseIds = draft ? draftPaths(draft).flatMap((p) => EXERCISE_PATH.exec(p)?.[1] ?? []) : [];
  const problemCount = analysis.problems.length;

  return (
    <div className="studio" data-studio-slug={slug}>
      <nav className="studio-side" aria-label="Lessons and files">
        <h2 className="studio-heading">Lessons</h2>
        <ul className="studio-list">
          {slugs.map((s) => (
            <li key={s}>
              <button type="button" aria-current={s === slug ? 'true' : undefined} onClick={() => (setSlug(s), setPath(LESSON_FILE))}>
                {s}
                {editedSlugs.has(s) ? (
                  <span className="studio-dot" title="Edited in the studio">
                    ●
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
        <form className="studio-form" onSubmit={(e) => (e.preventDefault(), createLesson())}>
          <label htmlFor="studio-new-slug">New lesson (slug)</label>
          <input id="studio-new-slug" className="studio-input" value={newSlug} onChange={(e) => setNewSlug(e.target.value)} placeholder="07-my-lesson" />
          <button type="submit" className="btn btn-quiet" disabled={!isLessonSlug(newSlug.trim())}>
            Create
          </button>
        </form>
        {draft ? (
          <>
            <h2 className="studio-heading">Files of {draft.slug}</h2>
            <ul className="studio-list">
              {draftPaths(draft).map((p) => (
                <li key={p}>
                  <button type="button" aria-current={p === path ? 'true' : undefined} onClick={() => setPath(p)}>
                    {p}
                  </button>
                </li>
              ))}
            </ul>
            <form className="studio-form" onSubmit={(e) => (e.preventDefault(), addExercise())}>
              <label htmlFor="studio-new-exercise">+ Exercise (id)</label>
              <input
                id="studio-new-exercise"
                className="studio-input"
                value={newExercise}
                onChange={(e) => setNewExercise(e.target.value)}
                placeholder="my-exercise"
              />
              <button type="submit" className="btn btn-quiet">
                Add
              </button>
            </form>
          </>
        ) : null}
      </nav>

      <section className="studio-editor" aria-label="Editor">
        <div className="studio-toolbar">
          <span className="truncate text-sm text-slate-300">
            content/{slug}/{path}
          </span>
          <span className="ml-auto flex flex-wrap gap-1.5">
            {devRoute ? (
              <button type="button" className="btn btn-primary" disabled={!draft} onClick={() => draft && void run(() => saveToDevRoute(draft))}>
                Save to content/
              </button>
            ) : null}
            {canUseFolders() ? (
              <button type="button" className="btn btn-quiet" disabled={!draft} onClick={() => draft && void run(() => saveToFolder(draft))}>
                Save to folder…
              </button>
            ) : null}
            <button type="button" className="btn btn-quiet" disabled={!draft} onClick={() => draft && void run(() => downloadZip(draft))}>
              Download .zip
            </button>
            {canUseFolders() ? (
              <button type="button" className="btn btn-quiet" onClick={() => void run(async () => (addDrafts(await openFolder()), 'Opened'))}>
                Open folder…
              </button>
            ) : null}
            {draft && editedSlugs.has(draft.slug) ? (
              <button type="button" className="btn btn-quiet" onClick={discard}>
                Discard changes
              </button>
            ) : null}
            <label className="btn btn-quiet">
              Open .zip…
              <input
                type="file"
                accept=".zip,application/zip"
                className="sr-only"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file)
                    void openZip(file).then(
                      (r) => addDrafts(r.drafts, r.skipped),
                      (err: unknown) => setStatus({ tone: 'error', text: `Not a zip: ${String(err)}` }),
                    );
                }}
              />
            </label>
          </span>
        </div>
        {status ? (
          <p role={status.tone === 'error' ? 'alert' : 'status'} className={`studio-status is-${status.tone}`}>
            {status.text}
          </p>
        ) : null}
        <div className="studio-monaco">
          {draft && Object.hasOwn(draft.files, path) ? (
            <Editor
              key={editorGeneration}
              path={uriOf(slug, path)}
              defaultLanguage={languageOf(path)}
              defaultValue={draft.files[path]}
              theme="docknet"
              onMount={onMount}
              options={{
                minimap: { enabled: false },
                fontSize: 13,
                wordWrap: 'on',
                automaticLayout: true,
                tabSize: 2,
                scrollBeyondLastLine: false,
                quickSuggestions: { other: true, strings: true },
              }}
            />
          ) : (
            <p className="studio-empty">Pick or create a lesson.</p>
          )}
        </div>
      </section>

      {editorReady || !draft ? (
        // The lab (engine, terminal, topology) starts once the editor is up: Monaco comes first.
        <LabProvider config={lessonLabConfig(slug, analysis.lesson)}>
          <section className="studio-panels" aria-label="Problems, proofs and goal recording">
            <div role="tablist" aria-label="Panels" className="studio-tabs">
              {(['problems', 'prove', 'record'] as const).map((t) => (
                <button key={t} type="button" role="tab" aria-selected={panel === t} onClick={() => setPanel(t)}>
                  {t === 'problems' ? `Problems (${problemCount})` : t === 'prove' ? 'Prove' : 'Record goal'}
                </button>
              ))}
            </div>
            <div role="tabpanel" className="studio-panel">
              {panel === 'problems' ? (
                problemCount === 0 ? (
                  <p className="studio-empty" data-problems="0">
                    No problems: the lesson parses and its MDX compiles. Prove the exercises next.
                  </p>
                ) : (
                  <ul className="studio-problem-list" data-problems={problemCount}>
                    {analysis.problems.map((p, i) => (
                      <li key={i}>
                        <button type="button" className="studio-jump" onClick={() => jump(p.file, p.line, p.column)}>
                          {p.file.split('/').slice(2).join('/')}:{p.line}:{p.column}
                        </button>{' '}
                        {p.field ? <code>{p.field}</code> : null} {p.message}
                      </li>
                    ))}
                  </ul>
                )
              ) : null}
              {panel === 'prove' ? (
                <ProvePanel
                  slug={slug}
                  lesson={analysis.lesson}
                  current={async () => {
                    const now = draftsRef.current[slug];
                    return now ? (await loadAnalyzer()).parseDraft(now).lesson : null;
                  }}
                  jump={jump}
                />
              ) : null}
              {panel === 'record' ? <RecordPanel exerciseIds={exerciseIds} onInsert={insertGoal} /> : null}
            </div>
          </section>
          <section className="studio-preview-col" aria-label="Preview">
            <Preview slug={slug} analysis={analysis} />
          </section>
        </LabProvider>
      ) : (
        <p role="status" className="studio-empty studio-starting">
          Starting the preview…
        </p>
      )}
    </div>
  );
}
