import { Catalog } from './i18n';

/**
 * What the portal promises about reading and deleting, worded once (DESIGN.md sections 4 and 6)
 * and used by every page that says it: landing, privacy notes, register, new enquiry, inbox and
 * account. Change the rule here, and only here.
 */
export interface PortalTruths {
  whoReadsTitle: string;
  /**
   * Who can read her messages: the conversation key is sealed to her and to the team key, so any
   * counsellor holding the team key can read an enquiry nobody has taken over yet; once one has
   * taken it over, the portal shows it only to her and to the centre's leads.
   */
  whoReads: string;
  /** The retention rule with the centre's period (`retentionMonths`). */
  retention: (months: number) => string;
  /** The same rule as her own date (`deletionDate` of her account). */
  deletionOn: (date: string) => string;
}

export const PORTAL_TRUTHS: Catalog<PortalTruths> = {
  de: {
    whoReadsTitle: 'Wer Ihre Nachrichten lesen kann',
    whoReads:
      'Ihr Browser verschlüsselt Ihre Nachrichten, bevor er sie sendet. Solange noch keine Beraterin Ihre Anfrage übernommen hat, können sie alle Beraterinnen unserer Stelle lesen, denen die Leitung den Teamschlüssel gegeben hat. Sobald eine Beraterin sie übernimmt, lesen sie nur noch Sie, diese Beraterin und die Leitung der Stelle.',
    retention: (months) =>
      `Sie können Ihr Konto jederzeit selbst löschen. Sonst löschen wir es mit allen Nachrichten ${months} Monate nach dem Ende der Beratung oder nach Ihrer letzten Anmeldung oder Nachricht – je nachdem, was später ist. Das Datum steht in Ihrem Konto.`,
    deletionOn: (date) =>
      `Ihr Konto wird am ${date} mit allen Nachrichten gelöscht, wenn Sie sich bis dahin nicht mehr anmelden und nichts mehr schreiben.`,
  },
  en: {
    whoReadsTitle: 'Who can read your messages',
    whoReads:
      'Your browser encrypts your messages before it sends them. Until a counsellor takes your enquiry over, every counsellor of our centre to whom the lead has given the team key can read it. Once a counsellor has taken it over, only you, she and the centre’s lead can read it.',
    retention: (months) =>
      `You can delete your account yourself at any time. Otherwise we delete it, with all messages, ${months} months after your counselling ended or after you last logged in or wrote, whichever is later. Your account page shows the date.`,
    deletionOn: (date) =>
      `Your account and all messages will be deleted on ${date} unless you log in or write before then.`,
  },
};
