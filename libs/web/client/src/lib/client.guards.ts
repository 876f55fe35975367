import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Roles } from '@confidant/shared/api-interfaces';
import { AccountRoutes, SessionStore } from '@confidant/web/core';

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
  return session.account()?.role === Roles.client ? true : router.createUrlTree(['/']);
};

/** The unlock page makes sense only with a locked session. */
export const lockedGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const status = await session.whenKnown();
  if (status === 'locked') {
    return true;
  }
  return router.createUrlTree([
    '/',
    status === 'unlocked' ? AccountRoutes.account : AccountRoutes.login,
  ]);
};

/** Login and registration are for visitors without a session; others go to their account. */
export const anonymousGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const status = await session.whenKnown();
  if (status === 'locked') {
    return router.createUrlTree(['/', AccountRoutes.unlock]);
  }
  if (status === 'unlocked') {
    return router.createUrlTree(['/', AccountRoutes.account]);
  }
  return true;
};
