import { RenderMode, ServerRoute } from '@angular/ssr';

/** Only the landing page is prerendered; every other page renders in the browser. */
export const serverRoutes: ServerRoute[] = [
  { path: '', renderMode: RenderMode.Prerender },
  { path: '**', renderMode: RenderMode.Client },
];
