import { DestroyRef, inject, Injectable, signal } from '@angular/core';

/** How long before the idle logout the warning appears. */
export const IDLE_WARNING_MS = 2 * 60_000;

/**
 * Counts down to the idle logout: shows a warning {@link IDLE_WARNING_MS} before the deadline and
 * calls `expire` at it. Timers are re-checked against the clock when they fire, because a phone
 * or laptop that slept delays them; a deadline that has passed meanwhile expires at once.
 */
@Injectable({ providedIn: 'root' })
export class IdleTimer {
  private readonly warningState = signal(false);
  private readonly deadlineState = signal<number | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expire: (() => void) | undefined;

  /** True while the "you will be logged out" warning should be shown. */
  readonly warning = this.warningState.asReadonly();
  /** Local time (ms since epoch) at which she is logged out, or null when no session runs. */
  readonly deadline = this.deadlineState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Starts or moves the countdown to `deadline` (ms since epoch, local clock). */
  start(deadline: number, expire: () => void): void {
    this.expire = expire;
    this.deadlineState.set(deadline);
    this.check();
  }

  /** Stops counting, e.g. after logout. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.expire = undefined;
    this.deadlineState.set(null);
    this.warningState.set(false);
  }

  /** Re-reads the clock; call after the page becomes visible again. */
  check(now = Date.now()): void {
    clearTimeout(this.timer);
    const deadline = this.deadlineState();
    if (deadline === null) {
      return;
    }
    if (now >= deadline) {
      const expire = this.expire;
      this.stop();
      expire?.();
      return;
    }
    const warnAt = deadline - IDLE_WARNING_MS;
    this.warningState.set(now >= warnAt);
    const next = now >= warnAt ? deadline : warnAt;
    this.timer = setTimeout(() => this.check(), next - now);
  }
}
