/** Paths of the web app's pages, shared so that links in e-mails and tests match the router. */
export const WebRoutes = {
  home: '',
  privacy: 'datenschutz',
  imprint: 'impressum',
} as const;
