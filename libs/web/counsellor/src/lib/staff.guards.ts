import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { Role, Roles } from '@confidant/shared/api-interfaces';
import { AccountRoutes, homeFor, SessionStore } from '@confidant/web/core';

function isStaff(role: Role | undefined): boolean {
  return role === Roles.counsellor || role === Roles.lead;
}

/** True for an unlocked staff session; otherwise where she must go first. */
async function staffAccess(session: SessionStore, router: Router): Promise<true | UrlTree> {
  const status = await session.whenKnown();
  if (status === 'locked') {
    return router.createUrlTree(['/', AccountRoutes.unlock]);
  }
  if (status !== 'unlocked') {
    return router.createUrlTree(['/', AccountRoutes.login]);
  }
  const role = session.account()?.role;
  return isStaff(role) ? true : router.parseUrl(homeFor(role));
}

/**
 * The staff area needs an unlocked session of a counsellor or lead: after a reload she unlocks
 * first, without a session she logs in, and clients go to their own account page.
 */
export const unlockedStaffGuard: CanActivateFn = () =>
  staffAccess(inject(SessionStore), inject(Router));

/** Team administration and statistics are for leads; a counsellor goes back to her staff home. */
export const leadGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const access = await staffAccess(session, router);
  if (access !== true) {
    return access;
  }
  return session.account()?.role === Roles.lead ? true : router.parseUrl(homeFor(Roles.counsellor));
};

/**
 * Setup and invitation links make a new account: only for a browser without a session. Someone
 * logged in goes to her home page (or unlocks first).
 */
export const enrolGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const status = await session.whenKnown();
  if (status === 'locked') {
    return router.createUrlTree(['/', AccountRoutes.unlock]);
  }
  if (status === 'unlocked') {
    return router.parseUrl(homeFor(session.account()?.role));
  }
  return true;
};
