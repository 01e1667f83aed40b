/**
 * What the studio loads after the editor is up: parsing a draft (the zod schemas, and through the
 * goal schema the engine) and compiling its MDX (@mdx-js/mdx). Kept out of the first load so that
 * Monaco is ready sooner.
 */
import { parseLessonFolder } from '../content/lesson-folder';
import { draftFiles, type LessonDraft } from './lesson-draft';

export { compileLessonMdx } from '../content/mdx-compile';

export function parseDraft(draft: LessonDraft) {
  return parseLessonFolder(draftFiles(draft));
}
