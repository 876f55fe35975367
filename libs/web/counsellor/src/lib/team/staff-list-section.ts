import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { CounsellorSummary } from '@confidant/shared/api-interfaces';
import { I18n, SessionStore, toFailure } from '@confidant/web/core';
import { FORMS_TEXT } from '@confidant/web/core/forms';
import { Icon, keyIcon } from '@confidant/web/ui';
import { NoTeamKeyError, TeamAdmin } from './team-admin';
import { TEAM_TEXT } from './team.text';

/**
 * The team with role, active state and team key; a lead grants the key (sealed in her browser),
 * deactivates after a confirmation, or reactivates. Her own row has no deactivate button.
 */
@Component({
  selector: 'cf-staff-list-section',
  imports: [MatButton, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="staff-title">
      <h2 id="staff-title">{{ text().staffTitle }}</h2>
      <p role="status">
        @if (message(); as message) {
          {{ message }}
        }
      </p>
      <div role="alert" class="error">
        @if (error(); as error) {
          {{ error }}
        }
      </div>
      @if (staff(); as staff) {
        @if (staff.length === 0) {
          <p>{{ text().staffEmpty }}</p>
        }
        <ul class="staff">
          @for (member of staff; track member.id) {
            @let name = member.displayName || member.username;
            <li [attr.data-username]="member.username">
              <h3>
                {{ name }}
                @if (member.id === ownId()) {
                  <span>{{ text().you }}</span>
                }
              </h3>
              <p class="facts">
                <span>{{ member.username }}</span>
                <span>{{ text().roles[member.role] }}</span>
                <span>{{ member.active ? text().active : text().inactive }}</span>
                <span>{{ member.hasTeamKey ? text().hasKey : text().noKey }}</span>
              </p>
              @if (confirming() === member.id) {
                <div class="confirm" role="group" [attr.aria-label]="name">
                  <p>
                    {{
                      member.active
                        ? text().confirmDeactivate(name)
                        : text().confirmReactivate(name)
                    }}
                  </p>
                  <div class="actions">
                    <button
                      mat-flat-button
                      type="button"
                      [disabled]="busy()"
                      (click)="setActive(member, !member.active)"
                    >
                      {{ member.active ? text().deactivate : text().reactivate }}
                    </button>
                    <button mat-button type="button" (click)="confirming.set(null)">
                      {{ text().cancel }}
                    </button>
                  </div>
                </div>
              } @else {
                <div class="actions">
                  @if (member.active && !member.hasTeamKey) {
                    <button
                      mat-flat-button
                      type="button"
                      [disabled]="busy()"
                      [attr.aria-label]="text().grantLabel + ' ' + name"
                      (click)="grant(member)"
                    >
                      <cf-icon [svg]="keyIcon" />
                      {{ text().grant }}
                    </button>
                  }
                  @if (member.id !== ownId()) {
                    <button
                      mat-stroked-button
                      type="button"
                      [disabled]="busy()"
                      [attr.aria-label]="
                        member.active ? text().deactivateLabel(name) : text().reactivateLabel(name)
                      "
                      (click)="confirming.set(member.id)"
                    >
                      {{ member.active ? text().deactivate : text().reactivate }}
                    </button>
                  }
                </div>
              }
            </li>
          }
        </ul>
      } @else if (!error()) {
        <p>{{ text().staffLoading }}</p>
      }
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .staff {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 16px;
    }

    .staff li {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding-top: 8px;
    }

    h3 {
      font: var(--mat-sys-title-medium);
      margin: 8px 0 4px;
    }

    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 0 0 8px;
    }
  `,
})
export class StaffListSection implements OnInit {
  private readonly admin = inject(TeamAdmin);
  private readonly session = inject(SessionStore);

  protected readonly text = inject(I18n).select(TEAM_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly keyIcon = keyIcon;
  protected readonly staff = signal<CounsellorSummary[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly ownId = computed(() => this.session.account()?.id);

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.staff.set(await this.admin.staff());
    } catch (error) {
      this.error.set(this.forms().failure(toFailure(error, 'session')));
    }
  }

  protected async grant(member: CounsellorSummary): Promise<void> {
    await this.run(async () => {
      await this.admin.grantTeamKey(member);
      return this.text().granted(member.displayName || member.username);
    });
  }

  protected async setActive(member: CounsellorSummary, active: boolean): Promise<void> {
    await this.run(async () => {
      await this.admin.setActive(member, active);
      const name = member.displayName || member.username;
      return active ? this.text().reactivated(name) : this.text().deactivated(name);
    });
  }

  private async run(action: () => Promise<string>): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.message.set(null);
    try {
      const done = await action();
      this.confirming.set(null);
      this.staff.set(await this.admin.staff());
      this.message.set(done);
    } catch (error) {
      this.error.set(
        error instanceof NoTeamKeyError
          ? this.text().noOwnKey
          : this.forms().failure(toFailure(error, 'session')),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
