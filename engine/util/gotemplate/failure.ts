/** Every failure inside the engine; its message is the final Go-style text. */
export class TemplateFailure extends Error {}

export function describeUnexpected(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
