import { Route } from '@angular/router';
import { WebRoutes } from '@confidant/shared/api-interfaces';
import { AccountRoutes } from '@confidant/web/core';
import { LandingPage } from './landing/landing-page';
import { PageTitle } from './layout/portal-title-strategy';

const title = (page: PageTitle) => page;

export const appRoutes: Route[] = [
  { path: WebRoutes.home, pathMatch: 'full', component: LandingPage, title: title('home') },
  {
    path: WebRoutes.privacy,
    loadComponent: () => import('./legal/privacy-page').then((m) => m.PrivacyPage),
    title: title('privacy'),
  },
  {
    path: WebRoutes.imprint,
    loadComponent: () => import('./legal/imprint-page').then((m) => m.ImprintPage),
    title: title('imprint'),
  },
  {
    path: AccountRoutes.loggedOut,
    loadComponent: () => import('./session/logged-out-page').then((m) => m.LoggedOutPage),
    title: title('loggedOut'),
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
