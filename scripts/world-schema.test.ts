import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORLD_SCHEMA_FILE, worldSchemaJson } from './world-schema';

describe('docs/world.schema.json', () => {
  it('is up to date with engine/world/spec.ts (npm run world:schema rewrites it)', () => {
    expect(readFileSync(WORLD_SCHEMA_FILE, 'utf8')).toBe(worldSchemaJson());
  });
});
