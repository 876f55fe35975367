/** Roles of DESIGN.md section 1: a lead is a counsellor who also manages the centre. */
export const Roles = {
  client: 'client',
  counsellor: 'counsellor',
  lead: 'lead',
} as const;

export type Role = (typeof Roles)[keyof typeof Roles];
