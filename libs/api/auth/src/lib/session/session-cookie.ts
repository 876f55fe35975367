import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it),
 * Secure with the `__Host-` prefix on HTTPS, and no expiry, so that it also ends with the browser.
 */
@Injectable()
export class SessionCookie {
  readonly name: string;

  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {
    this.name = settings.secureCookies ? '__Host-confidant-session' : 'confidant-session';
  }

  read(request: Request): string | null {
    const header = request.headers.cookie;
    if (!header) {
      return null;
    }
    for (const part of header.split(';')) {
      const separator = part.indexOf('=');
      if (separator > 0 && part.slice(0, separator).trim() === this.name) {
        const value = part.slice(separator + 1).trim();
        return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
      }
    }
    return null;
  }

  set(response: Response, token: string): void {
    response.cookie(this.name, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.settings.secureCookies,
      path: '/',
    });
  }

  clear(response: Response): void {
    response.clearCookie(this.name, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.settings.secureCookies,
      path: '/',
    });
  }
}
