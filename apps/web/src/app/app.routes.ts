import { Route } from '@angular/router';
import { WebRoutes } from '@confidant/shared/api-interfaces';
import { AccountRoutes } from '@confidant/web/core';
import { LandingPage } from './landing/landing-page';
import { startGuard } from './landing/start.guard';

export const appRoutes: Route[] = [
  { path: WebRoutes.home, pathMatch: 'full', component: LandingPage, canActivate: [startGuard] },
  {
    path: WebRoutes.privacy,
    loadComponent: () => import('./legal/privacy-page').then((m) => m.PrivacyPage),
  },
  {
    path: WebRoutes.imprint,
    loadComponent: () => import('./legal/imprint-page').then((m) => m.ImprintPage),
  },
  {
    path: AccountRoutes.loggedOut,
    loadComponent: () => import('./session/logged-out-page').then((m) => m.LoggedOutPage),
  },
  // The staff area (setup, invitation, staff home, team administration), in its own lazy chunks.
  {
    path: '',
    loadChildren: () => import('@confidant/web/counsellor').then((m) => m.counsellorRoutes),
  },
  // The client area (register, login, account, password reset), in its own lazy chunks.
  { path: '', loadChildren: () => import('@confidant/web/client').then((m) => m.clientRoutes) },
  { path: '**', redirectTo: '' },
];
