import { Catalog } from '../i18n/i18n';

export interface RecoveryCodeText {
  title: string;
  intro: string[];
  codeLabel: string;
  download: string;
  print: string;
  fileName: string;
  fileText: (code: string) => string;
  confirmTitle: string;
  confirmLabel: string;
  confirmHint: string;
  confirmRequired: string;
  confirmMismatch: string;
  continue: string;
  leaveTitle: string;
  leaveText: string;
  stay: string;
  leave: string;
}

export const RECOVERY_CODE_TEXT: Catalog<RecoveryCodeText> = {
  de: {
    title: 'Ihr Wiederherstellungscode',
    intro: [
      'Mit diesem Code kommen Sie wieder in Ihr Konto, wenn Sie Ihr Passwort vergessen haben – und Sie können danach alle Ihre Nachrichten weiter lesen.',
      'Wir zeigen den Code nur jetzt, ein einziges Mal. Niemand bei uns kennt ihn, auch wir können ihn Ihnen nicht noch einmal schicken.',
      'Bewahren Sie ihn dort auf, wo nur Sie ihn finden: ausgedruckt oder abgeschrieben an einem sicheren Ort, oder als Datei an einem Ort, den niemand sonst öffnet. Merken Sie sich auch Ihren Benutzernamen.',
    ],
    codeLabel: 'Wiederherstellungscode',
    download: 'Als Textdatei speichern',
    print: 'Drucken',
    fileName: 'wiederherstellungscode.txt',
    fileText: (code) =>
      `Wiederherstellungscode\r\n\r\n${code}\r\n\r\nMit diesem Code und Ihrem Benutzernamen können Sie ein neues Passwort setzen, wenn Sie Ihres vergessen haben.\r\nBewahren Sie ihn so auf, dass niemand sonst ihn findet.\r\n`,
    confirmTitle: 'Haben Sie den Code aufbewahrt?',
    confirmLabel: 'Letzter Block des Codes',
    confirmHint: 'Geben Sie zur Bestätigung die letzten vier Zeichen des Codes ein.',
    confirmRequired: 'Bitte geben Sie die letzten vier Zeichen des Codes ein.',
    confirmMismatch:
      'Das sind nicht die letzten vier Zeichen des Codes. Bitte sehen Sie noch einmal nach.',
    continue: 'Code ist aufbewahrt – weiter',
    leaveTitle: 'Ohne den Code weitergehen?',
    leaveText:
      'Sie haben noch nicht bestätigt, dass Sie den Code aufbewahrt haben. Wenn Sie jetzt weitergehen, sehen Sie ihn nicht wieder. Ohne Code können Sie Ihre Nachrichten nicht mehr lesen, wenn Sie Ihr Passwort vergessen.',
    stay: 'Zurück zum Code',
    leave: 'Ohne Code weitergehen',
  },
  en: {
    title: 'Your recovery code',
    intro: [
      'With this code you can get back into your account if you forget your password – and you can still read all your messages afterwards.',
      'We show the code only now, this one time. Nobody here knows it, and we cannot send it to you again.',
      'Keep it where only you will find it: printed or written down in a safe place, or as a file somewhere nobody else opens. Remember your username as well.',
    ],
    codeLabel: 'Recovery code',
    download: 'Save as a text file',
    print: 'Print',
    fileName: 'recovery-code.txt',
    fileText: (code) =>
      `Recovery code\r\n\r\n${code}\r\n\r\nWith this code and your username you can set a new password if you forget yours.\r\nKeep it where nobody else will find it.\r\n`,
    confirmTitle: 'Have you kept the code?',
    confirmLabel: 'Last block of the code',
    confirmHint: 'To confirm, enter the last four characters of the code.',
    confirmRequired: 'Please enter the last four characters of the code.',
    confirmMismatch: 'These are not the last four characters of the code. Please look again.',
    continue: 'Code is kept – continue',
    leaveTitle: 'Go on without the code?',
    leaveText:
      'You have not yet confirmed that you kept the code. If you go on now, you will not see it again. Without the code you can no longer read your messages if you forget your password.',
    stay: 'Back to the code',
    leave: 'Go on without the code',
  },
};
