import { apiPath, Role, Roles } from '@confidant/shared/api-interfaces';

/**
 * Paths of the account pages (German, like the rest of the portal's URLs). They live here and not
 * in `WebRoutes` of the shared lib for now; the reset link the server mails must keep pointing at
 * {@link AccountRoutes.resetPassword}.
 */
export const AccountRoutes = {
  register: 'registrieren',
  login: 'anmelden',
  unlock: 'entsperren',
  account: 'konto',
  /** Her conversations; `nachrichten/neu` writes an enquiry, `nachrichten/:id` opens one. */
  inbox: 'nachrichten',
  newEnquiry: 'nachrichten/neu',
  /** Her chat appointments across conversations. */
  appointments: 'termine',
  loggedOut: 'abgemeldet',
  forgotPassword: 'passwort-vergessen',
  resetPassword: 'passwort-neu',
} as const;

/**
 * Paths of the staff pages. The setup and invitation links carry their token in the fragment
 * (`/einrichtung#…`, `/einladung#…`), which the server logs and the lead copies.
 */
export const StaffRoutes = {
  setup: 'einrichtung',
  invitation: 'einladung',
  home: 'beratung',
  /** A conversation as staff see it: `beratung/gespraech/:id`. */
  conversation: 'beratung/gespraech',
  statistics: 'statistik',
  team: 'team',
} as const;

/** Where an account lands after login or unlock: clients in their inbox, staff at work. */
export function homeFor(role: Role | null | undefined): string {
  return role === Roles.counsellor || role === Roles.lead
    ? `/${StaffRoutes.home}`
    : `/${AccountRoutes.inbox}`;
}

/** The page of one conversation, for the client or for staff. */
export function conversationPath(role: Role | null | undefined, id: string): string {
  return role === Roles.counsellor || role === Roles.lead
    ? `/${StaffRoutes.conversation}/${encodeURIComponent(id)}`
    : `/${AccountRoutes.inbox}/${encodeURIComponent(id)}`;
}

/** The staff endpoints of DESIGN.md section 7. */
export const StaffApi = {
  setup: apiPath('setup'),
  register: apiPath('staff/register'),
  invitations: apiPath('staff/invitations'),
  counsellors: apiPath('staff/counsellors'),
  counsellor: (id: string) => apiPath(`staff/counsellors/${encodeURIComponent(id)}`),
  teamKey: (id: string) => apiPath(`staff/counsellors/${encodeURIComponent(id)}/team-key`),
  centre: apiPath('staff/centre'),
  centreMail: apiPath('centre/mail'),
} as const;

/** The conversation endpoints of DESIGN.md section 7. */
export const ConversationApi = {
  conversations: apiPath('conversations'),
  queue: apiPath('conversations/queue'),
  conversation: (id: string) => apiPath(`conversations/${encodeURIComponent(id)}`),
  messages: (id: string) => apiPath(`conversations/${encodeURIComponent(id)}/messages`),
  assign: (id: string) => apiPath(`conversations/${encodeURIComponent(id)}/assign`),
  close: (id: string) => apiPath(`conversations/${encodeURIComponent(id)}/close`),
  read: (id: string) => apiPath(`conversations/${encodeURIComponent(id)}/read`),
  clientKey: (id: string) => apiPath(`conversations/${encodeURIComponent(id)}/keys/client`),
  statistics: apiPath('statistics'),
} as const;

/** The appointment endpoints of DESIGN.md section 7. */
export const AppointmentApi = {
  mine: apiPath('appointments'),
  forConversation: (conversationId: string) =>
    apiPath(`conversations/${encodeURIComponent(conversationId)}/appointments`),
  action: (id: string, action: 'accept' | 'decline' | 'cancel' | 'open') =>
    apiPath(`appointments/${encodeURIComponent(id)}/${action}`),
  calendar: (id: string) => apiPath(`appointments/${encodeURIComponent(id)}/calendar.ics`),
} as const;

/** The live chat room of a conversation, below the conversation's own page. */
export const CHAT_SEGMENT = 'chat';

/** The auth and account endpoints of DESIGN.md section 7, as the browser requests them. */
export const AuthApi = {
  prelogin: apiPath('auth/prelogin'),
  register: apiPath('auth/register'),
  login: apiPath('auth/login'),
  status: apiPath('auth/status'),
  session: apiPath('auth/session'),
  logout: apiPath('auth/logout'),
  password: apiPath('auth/password'),
  resetRequest: apiPath('auth/reset/request'),
  resetConfirm: apiPath('auth/reset/confirm'),
  recoveryStart: apiPath('auth/recovery/start'),
  recoveryComplete: apiPath('auth/recovery/complete'),
  me: apiPath('accounts/me'),
  email: apiPath('accounts/me/email'),
  recovery: apiPath('accounts/me/recovery'),
  recoveryConfirmation: apiPath('accounts/me/recovery/confirmation'),
} as const;

/**
 * Calls whose 401 means "these credentials are wrong" or "no session yet", not "your session
 * ended": they never send her back to the login page.
 */
export const CREDENTIAL_CALLS: readonly string[] = [
  AuthApi.prelogin,
  AuthApi.register,
  AuthApi.login,
  AuthApi.logout,
  AuthApi.resetRequest,
  AuthApi.resetConfirm,
  AuthApi.recoveryStart,
  AuthApi.recoveryComplete,
  StaffApi.setup,
  StaffApi.register,
];

/** Calls that do not need a session, so they do not keep one alive either. */
export const PUBLIC_CALLS: readonly string[] = [
  ...CREDENTIAL_CALLS,
  apiPath('centre'),
  apiPath('health'),
];
