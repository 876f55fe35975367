import { Catalog } from '../i18n/i18n';

export interface DraftsText {
  /**
   * What every composer says about unsent text. {@link Drafts} keeps it in memory only (keys and
   * plaintext are never stored in the browser), so it survives moving between the portal's pages
   * but not a reload, Back or Forward out of the portal, closing the tab, logout or quick exit.
   */
  kept: string;
}

export const DRAFTS_TEXT: Catalog<DraftsText> = {
  de: {
    kept: 'Ihr Entwurf bleibt erhalten, solange Sie im Portal bleiben. Beim Neuladen, Verlassen oder Schließen der Seite und beim Abmelden geht er verloren.',
  },
  en: {
    kept: 'Your draft is kept while you stay in the portal. It is lost when you reload, leave or close the page, and when you log out.',
  },
};
