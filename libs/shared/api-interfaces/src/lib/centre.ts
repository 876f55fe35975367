/** Public description of the counselling centre (`GET /api/centre`, DESIGN.md section 7). */
export interface CentreResponse {
  name: string;
  /** Phone number for faster help, shown on every page. */
  phone: string;
  /** Days within which the centre promises an answer. */
  responseDays: number;
  /** Months after the end of counselling or the last activity until an account is erased. */
  retentionMonths: number;
  /** Neutral page that the quick-exit button replaces the portal with. */
  exitUrl: string;
  /** Topics a client may pick for an enquiry. */
  topics: string[];
  /** The team's ECDH P-256 public key (base64url, raw), null until the first lead has set up the centre. */
  teamPublicKey: string | null;
}
