/**
 * JSON Schemas generated from the zod schemas (the one source of truth), for editors: the studio's
 * Monaco (monaco-yaml) and any editor with a YAML language server. `npm run content:check --
 * --write-schema` writes them to docs/; content:check fails when they are stale.
 */
import { z } from 'zod';
import { worldSpecSchema } from '../../engine/index';
import { exerciseFileSchema } from './exercise-schema';
import { lessonFrontmatterSchema } from './lesson-schema';

export interface SchemaDoc {
  /** Where content:check writes it. */
  file: string;
  title: string;
  schema: z.ZodType;
}

/** The lab's world (engine/world/spec.ts): a lesson's `lab.world`, `npm run lab -- --world FILE`. */
export const WORLD_SCHEMA_DOC: SchemaDoc = { file: 'docs/world.schema.json', title: 'Docknet lab world (WorldSpec)', schema: worldSpecSchema };

export const SCHEMA_DOCS: readonly SchemaDoc[] = [
  { file: 'docs/lesson-frontmatter.schema.json', title: 'Docknet lesson front matter (content/<slug>/lesson.mdx)', schema: lessonFrontmatterSchema },
  { file: 'docs/exercise.schema.json', title: 'Docknet exercise (content/<slug>/exercises/<id>.yaml)', schema: exerciseFileSchema },
  WORLD_SCHEMA_DOC,
];

/** The JSON Schema of one doc (as the author writes it: defaults are optional). */
export function jsonSchemaOf(doc: SchemaDoc): Record<string, unknown> {
  const schema = z.toJSONSchema(doc.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { title: doc.title, ...schema };
}

export function jsonSchemaText(doc: SchemaDoc): string {
  return JSON.stringify(jsonSchemaOf(doc), null, 2) + '\n';
}
