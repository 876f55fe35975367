/** The settings a new installation starts with; leads change them later in the portal. */
export interface CentreSeed {
  name: string;
  phone: string;
  responseDays: number;
  retentionMonths: number;
  exitUrl: string;
  notificationSender: string;
  notificationSubject: string;
  topics: string[];
}

/** Injection token under which the application provides the {@link CentreSeed}. */
export const CENTRE_SEED = Symbol('CENTRE_SEED');
