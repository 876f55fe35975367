/**
 * One plain-text mail from the portal. Notices carry only the centre's neutral sender and subject
 * and a link (DESIGN.md section 5): no names, no content, no HTML, no images.
 */
export interface OutgoingMail {
  /** Exactly one bare address, e.g. `klientin@mail.example`. */
  to: string;
  /** The centre's neutral sender, e.g. `Beratungsstelle <noreply@beratung.example>`. */
  from: string;
  subject: string;
  text: string;
}
