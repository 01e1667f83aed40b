/**
 * The studio's save route. It exists only under `npm run dev`: next.config.mjs adds the `dev.ts`
 * page extension in the development phase only, so `next build` (a static export) never sees it.
 * All checks live in lib/studio/content-writer.ts.
 */
import { contentDir } from '@/lib/content/content-files';
import { handleStudioContentRequest } from '@/lib/studio/content-writer';

export function GET(request: Request): Promise<Response> {
  return handleStudioContentRequest(request, contentDir());
}

export function POST(request: Request): Promise<Response> {
  return handleStudioContentRequest(request, contentDir());
}
