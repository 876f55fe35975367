import { Route } from '@angular/router';
import { CHAT_SEGMENT, keepRecoveryCodeGuard, StaffRoutes } from '@confidant/web/core';
import { enrolGuard, leadGuard, unlockedStaffGuard } from './staff.guards';

/**
 * The staff area, lazy-loaded by the shell; every page is its own chunk. Setup and invitation
 * share one page: the mode decides whether she also makes the team key.
 */
export const counsellorRoutes: Route[] = [
  {
    path: StaffRoutes.setup,
    canActivate: [enrolGuard],
    loadComponent: () => import('./enrol/enrol-page').then((m) => m.EnrolPage),
    data: { mode: 'setup' },
    canDeactivate: [keepRecoveryCodeGuard],
  },
  {
    path: StaffRoutes.invitation,
    canActivate: [enrolGuard],
    loadComponent: () => import('./enrol/enrol-page').then((m) => m.EnrolPage),
    data: { mode: 'invitation' },
    canDeactivate: [keepRecoveryCodeGuard],
  },
  {
    path: StaffRoutes.home,
    canActivate: [unlockedStaffGuard],
    loadComponent: () => import('./home/staff-home-page').then((m) => m.StaffHomePage),
  },
  {
    path: `${StaffRoutes.conversation}/:id`,
    canActivate: [unlockedStaffGuard],
    loadComponent: () =>
      import('./conversation/staff-conversation-page').then((m) => m.StaffConversationPage),
  },
  {
    path: `${StaffRoutes.conversation}/:id/${CHAT_SEGMENT}`,
    canActivate: [unlockedStaffGuard],
    loadComponent: () => import('@confidant/web/conversation').then((m) => m.ChatRoom),
  },
  {
    path: StaffRoutes.statistics,
    canActivate: [leadGuard],
    loadComponent: () => import('./statistics/statistics-page').then((m) => m.StatisticsPage),
  },
  {
    path: StaffRoutes.team,
    canActivate: [leadGuard],
    loadComponent: () => import('./team/team-page').then((m) => m.TeamPage),
  },
];
