/** Prefix of every HTTP API route; the web app is served on all other paths. */
export const API_PREFIX = 'api';

/** Paths below {@link API_PREFIX}, shared by the API controllers and the web client. */
export const ApiRoutes = {
  health: 'health',
  centre: 'centre',
  docs: 'docs',
} as const;

/** Absolute path of an API route as the browser requests it, e.g. `/api/centre`. */
export function apiPath(route: string): string {
  return `/${API_PREFIX}/${route}`;
}
