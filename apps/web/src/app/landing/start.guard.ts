import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AccountRoutes, SessionStore } from '@confidant/web/core';

/**
 * The address bar always shows the neutral start (`NeutralLocationStrategy`), so a reload lands
 * here whatever page she was on. A session whose keys the reload took (locked) asks for the
 * password first, as every page of the portal does; visitors and unlocked sessions see the start.
 */
export const startGuard: CanActivateFn = async () => {
  const router = inject(Router);
  const status = await inject(SessionStore).whenKnown();
  return status === 'locked' ? router.createUrlTree(['/', AccountRoutes.unlock]) : true;
};
