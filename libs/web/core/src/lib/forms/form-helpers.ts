import { AbstractControl } from '@angular/forms';
import { filter, firstValueFrom } from 'rxjs';

/**
 * Marks every field as touched (so their errors show) and waits for async validators such as the
 * password strength check. Resolves to whether the form may be sent.
 */
export async function readyToSend(form: AbstractControl): Promise<boolean> {
  form.markAllAsTouched();
  if (form.pending) {
    await firstValueFrom(form.statusChanges.pipe(filter((status) => status !== 'PENDING')));
  }
  return form.valid;
}

/** Moves focus to the first field with an error, so keyboard and screen-reader users find it. */
export function focusFirstInvalid(host: HTMLElement): void {
  host.querySelector<HTMLElement>('input.ng-invalid, mat-checkbox.ng-invalid input')?.focus();
}
