/**
 * `npm run world:schema`: writes docs/world.schema.json, the JSON Schema of the WorldSpec
 * (engine/world/spec.ts) that `npm run lab -- --world FILE` and createLab({ world }) read.
 * scripts/world-schema.test.ts fails when the committed file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { jsonSchemaText, WORLD_SCHEMA_DOC } from '../lib/content/json-schemas';

export const WORLD_SCHEMA_FILE = WORLD_SCHEMA_DOC.file;

/** The same text `npm run content:check -- --write-schema` writes (lib/content/json-schemas.ts). */
export function worldSchemaJson(): string {
  return jsonSchemaText(WORLD_SCHEMA_DOC);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(WORLD_SCHEMA_FILE, worldSchemaJson());
  console.log(`wrote ${WORLD_SCHEMA_FILE}`);
}
