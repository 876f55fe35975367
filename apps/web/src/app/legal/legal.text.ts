import { Catalog, PORTAL_TRUTHS } from '@confidant/web/core';

export interface LegalText {
  privacyTitle: string;
  privacy: (months: number) => { heading: string; paragraphs: string[] }[];
  imprintTitle: string;
  imprintProvider: string;
  imprintPhone: string;
  imprintNote: string;
}

/**
 * Days that `npm run backup` keeps its encrypted backups (BACKUP_RETENTION_DAYS' default, see the
 * README's Backups section): a deleted account is gone from every backup this many days later.
 */
export const BACKUP_RETENTION_DAYS = 7;

export const LEGAL_TEXT: Catalog<LegalText> = {
  de: {
    privacyTitle: 'Datenschutz',
    privacy: (months) => [
      {
        heading: 'Was wir speichern',
        paragraphs: [
          'Ihren Benutzernamen, einen Prüfwert Ihres Passworts (nie das Passwort selbst), Ihren öffentlichen Schlüssel und Ihre Nachrichten – diese nur verschlüsselt, so dass wir sie nicht lesen können.',
          'Eine E-Mail-Adresse nur, wenn Sie eine angeben. Sie wird verschlüsselt gespeichert, nur für Hinweise ohne Inhalt und für das Zurücksetzen des Passworts verwendet und Ihrer Beraterin nie gezeigt.',
        ],
      },
      {
        heading: PORTAL_TRUTHS.de.whoReadsTitle,
        paragraphs: [PORTAL_TRUTHS.de.whoReads],
      },
      {
        heading: 'Was wir nicht speichern',
        paragraphs: [
          'Keine IP-Adressen, keine Angaben zu Ihrem Gerät oder Browser, keinen Klartext Ihrer Nachrichten. Es gibt keine Werbung, keine Statistikdienste und keine Inhalte von anderen Anbietern.',
        ],
      },
      {
        heading: 'Cookies und Ihr Browser',
        paragraphs: [
          'Nach der Anmeldung setzen wir ein einziges, technisch nötiges Cookie für Ihre Sitzung. Es endet mit der Abmeldung oder nach 30 Minuten ohne Aktivität. Schlüssel und entschlüsselte Nachrichten bleiben nur im Arbeitsspeicher und verschwinden, wenn Sie das Fenster schließen.',
        ],
      },
      {
        heading: 'Löschen',
        paragraphs: [
          PORTAL_TRUTHS.de.retention(months),
          `Wir sichern die Datenbank verschlüsselt und bewahren jede Sicherung ${BACKUP_RETENTION_DAYS} Tage auf. Ein gelöschtes Konto ist darum spätestens ${BACKUP_RETENTION_DAYS} Tage nach der Löschung auch aus allen Sicherungen verschwunden.`,
        ],
      },
    ],
    imprintTitle: 'Impressum',
    imprintProvider: 'Dieses Beratungsangebot wird betrieben von:',
    imprintPhone: 'Telefon:',
    imprintNote:
      'Die Beratung erfolgt durch die Beraterinnen dieser Stelle. Sie unterliegen der Schweigepflicht.',
  },
  en: {
    privacyTitle: 'Privacy',
    privacy: (months) => [
      {
        heading: 'What we store',
        paragraphs: [
          'Your username, a check value of your password (never the password itself), your public key and your messages – these only in encrypted form, so that we cannot read them.',
          'An e-mail address only if you give one. It is stored encrypted, used only for notes without content and for resetting your password, and never shown to your counsellor.',
        ],
      },
      {
        heading: 'What we do not store',
        paragraphs: [
          'No IP addresses, no details about your device or browser, no plain text of your messages. There are no ads, no analytics services and no content from other providers.',
        ],
      },
      {
        heading: PORTAL_TRUTHS.en.whoReadsTitle,
        paragraphs: [PORTAL_TRUTHS.en.whoReads],
      },
      {
        heading: 'Cookies and your browser',
        paragraphs: [
          'After you log in, we set a single, technically necessary cookie for your session. It ends when you log out or after 30 minutes without activity. Keys and decrypted messages stay in memory only and disappear when you close the window.',
        ],
      },
      {
        heading: 'Deletion',
        paragraphs: [
          PORTAL_TRUTHS.en.retention(months),
          `We back up the database in encrypted form and keep each backup for ${BACKUP_RETENTION_DAYS} days. So a deleted account is gone from every backup at the latest ${BACKUP_RETENTION_DAYS} days after its deletion.`,
        ],
      },
    ],
    imprintTitle: 'Imprint',
    imprintProvider: 'This counselling service is run by:',
    imprintPhone: 'Phone:',
    imprintNote:
      "Counselling is given by this centre's counsellors. They are bound by professional confidentiality.",
  },
};
