import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { CentreStore, I18n } from '@confidant/web/core';
import { LEGAL_TEXT } from './legal.text';

@Component({
  selector: 'cf-privacy-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="legal">
      <h1>{{ text().privacyTitle }}</h1>
      @for (section of sections(); track section.heading) {
        <h2>{{ section.heading }}</h2>
        @for (paragraph of section.paragraphs; track $index) {
          <p>{{ paragraph }}</p>
        }
      }
    </article>
  `,
  styleUrl: './legal.scss',
})
export class PrivacyPage {
  private readonly centre = inject(CentreStore).centre;
  protected readonly text = inject(I18n).select(LEGAL_TEXT);
  protected readonly sections = computed(() =>
    this.text().privacy(this.centre()?.retentionMonths ?? 6),
  );
}
