import { CanDeactivateFn } from '@angular/router';

/** A page that may show a recovery code she has not yet confirmed she kept. */
export interface ShowsRecoveryCode {
  /** True when nothing would be lost; otherwise asks her, and answers what she chose. */
  mayLeave(): boolean | Promise<boolean>;
}

/**
 * Keeps her on a page that shows a new recovery code until she confirmed she kept it, or chose
 * to go on without it. Kept in the main entry point so that route files need no form code.
 */
export const keepRecoveryCodeGuard: CanDeactivateFn<ShowsRecoveryCode> = (page) => page.mayLeave();
