/**
 * `npm run world:schema`: writes docs/world.schema.json, the JSON Schema of the WorldSpec
 * (engine/world/spec.ts) that `npm run lab -- --world FILE` and createLab({ world }) read.
 * scripts/world-schema.test.ts fails when the committed file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { worldSpecSchema } from '../engine/index';

export const WORLD_SCHEMA_FILE = 'docs/world.schema.json';

export function worldSchemaJson(): string {
  const schema = z.toJSONSchema(worldSpecSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ title: 'Docknet lab world (WorldSpec)', ...schema }, null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(WORLD_SCHEMA_FILE, worldSchemaJson());
  console.log(`wrote ${WORLD_SCHEMA_FILE}`);
}
