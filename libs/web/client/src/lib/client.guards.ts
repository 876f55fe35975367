import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Roles } from '@confidant/shared/api-interfaces';
import { AccountRoutes, homeFor, SessionStore } from '@confidant/web/core';

/**
 * Pages of the client area need an unlocked client session: after a reload she unlocks first,
 * without a session she logs in.
 */
export const unlockedClientGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const status = await session.whenKnown();
  if (status === 'locked') {
    return router.createUrlTree(['/', AccountRoutes.unlock]);
  }
  if (status !== 'unlocked') {
    return router.createUrlTree(['/', AccountRoutes.login]);
  }
  const role = session.account()?.role;
  // Staff have no client account page: they go to their own home.
  return role === Roles.client ? true : router.parseUrl(homeFor(role));
};

/** The unlock page makes sense only with a locked session. */
export const lockedGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const status = await session.whenKnown();
  if (status === 'locked') {
    return true;
  }
  return status === 'unlocked'
    ? router.parseUrl(homeFor(session.account()?.role))
    : router.createUrlTree(['/', AccountRoutes.login]);
};

/** Login and registration are for visitors without a session; others go to their home page. */
export const anonymousGuard: CanActivateFn = async () => {
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
