import { AbstractControl, ValidationErrors, Validators } from '@angular/forms';

const USERNAME_PATTERN = /^[\p{L}\p{N}._-]{3,32}$/u;

/** How the server reads a username: NFKC, without surrounding spaces. */
export function normalizeUsername(value: string): string {
  return value.normalize('NFKC').trim();
}

/** The server's rule (3–32 letters, digits, `.`, `_`, `-`), checked as the server reads it. */
export function usernameFormat(control: AbstractControl): ValidationErrors | null {
  const value = typeof control.value === 'string' ? normalizeUsername(control.value) : '';
  return value === '' || USERNAME_PATTERN.test(value) ? null : { username: true };
}

export const USERNAME_VALIDATORS = [Validators.required, usernameFormat];
