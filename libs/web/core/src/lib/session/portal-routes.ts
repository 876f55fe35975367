import { apiPath } from '@confidant/shared/api-interfaces';

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
  loggedOut: 'abgemeldet',
  forgotPassword: 'passwort-vergessen',
  resetPassword: 'passwort-neu',
} as const;

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
];

/** Calls that do not need a session, so they do not keep one alive either. */
export const PUBLIC_CALLS: readonly string[] = [
  ...CREDENTIAL_CALLS,
  apiPath('centre'),
  apiPath('health'),
];
