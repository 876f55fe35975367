import { Route } from '@angular/router';
import { AccountRoutes, CHAT_SEGMENT, keepRecoveryCodeGuard } from '@confidant/web/core';
import { anonymousGuard, lockedGuard, unlockedClientGuard } from './client.guards';

/**
 * The client area, lazy-loaded by the shell.
 * Registration's success step lives on the register page itself, so the anonymous guard does not
 * send her away while she is shown her recovery code.
 */
export const clientRoutes: Route[] = [
  {
    path: AccountRoutes.register,
    canActivate: [anonymousGuard],
    loadComponent: () => import('./register/register-page').then((m) => m.RegisterPage),
    canDeactivate: [keepRecoveryCodeGuard],
  },
  {
    path: AccountRoutes.login,
    canActivate: [anonymousGuard],
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    path: AccountRoutes.unlock,
    canActivate: [lockedGuard],
    loadComponent: () => import('./login/unlock-page').then((m) => m.UnlockPage),
  },
  {
    path: AccountRoutes.account,
    canActivate: [unlockedClientGuard],
    loadComponent: () => import('./account/account-page').then((m) => m.AccountPage),
    canDeactivate: [keepRecoveryCodeGuard],
  },
  {
    path: AccountRoutes.inbox,
    canActivate: [unlockedClientGuard],
    loadComponent: () => import('./inbox/inbox-page').then((m) => m.InboxPage),
  },
  {
    path: AccountRoutes.newEnquiry,
    canActivate: [unlockedClientGuard],
    loadComponent: () => import('./inbox/new-enquiry-page').then((m) => m.NewEnquiryPage),
  },
  {
    path: `${AccountRoutes.inbox}/:id`,
    canActivate: [unlockedClientGuard],
    loadComponent: () =>
      import('./inbox/client-conversation-page').then((m) => m.ClientConversationPage),
  },
  {
    path: `${AccountRoutes.inbox}/:id/${CHAT_SEGMENT}`,
    canActivate: [unlockedClientGuard],
    loadComponent: () => import('@confidant/web/conversation').then((m) => m.ChatRoom),
  },
  {
    path: AccountRoutes.appointments,
    canActivate: [unlockedClientGuard],
    loadComponent: () => import('./appointments/appointments-page').then((m) => m.AppointmentsPage),
  },
  {
    path: AccountRoutes.forgotPassword,
    loadComponent: () => import('./reset/forgot-password-page').then((m) => m.ForgotPasswordPage),
    canDeactivate: [keepRecoveryCodeGuard],
  },
  {
    path: AccountRoutes.resetPassword,
    loadComponent: () => import('./reset/reset-link-page').then((m) => m.ResetLinkPage),
    canDeactivate: [keepRecoveryCodeGuard],
  },
];
