/** Where the studio saves under `npm run dev` (client-safe constants; the handler is content-writer.ts). */
export const STUDIO_CONTENT_ROUTE = '/api/studio/content/';
/** A header a cross-site form or image cannot send: a request without it is refused. */
export const STUDIO_HEADER = 'x-docknet-studio';
