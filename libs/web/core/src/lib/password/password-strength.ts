import { Injectable, signal } from '@angular/core';
import { Language } from '../i18n/i18n';

/** zxcvbn's score: 0 (guessed at once) to 4 (very hard to guess). */
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** The lowest score a new password must reach. */
export const MIN_STRENGTH_SCORE: StrengthScore = 3;

export interface StrengthResult {
  score: StrengthScore;
  /** zxcvbn's warning in her language, may be empty. */
  warning: string;
  suggestions: string[];
}

type Estimator = (password: string, language: Language, userInputs: string[]) => StrengthResult;

/**
 * Where the dictionaries are: not asked for yet, on their way, here, or failed to arrive (the next
 * {@link PasswordStrength.preload} or estimate asks again).
 */
export type StrengthCheckState = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * Password strength with zxcvbn-ts and its common, German and English dictionaries. They weigh
 * about 1.2 MB compressed (several seconds on a phone network), so they are never part of a page's
 * first load: a page that sets a password asks for them once its form is usable, and says so while
 * they load.
 */
@Injectable({ providedIn: 'root' })
export class PasswordStrength {
  private estimator: Promise<Estimator> | undefined;
  private readonly current = signal<StrengthCheckState>('idle');
  readonly state = this.current.asReadonly();

  /** Starts loading the dictionaries in the background; call it once the form is usable. */
  preload(): void {
    void this.load().catch(() => undefined);
  }

  async estimate(
    password: string,
    language: Language,
    userInputs: string[] = [],
  ): Promise<StrengthResult> {
    const estimate = await this.load();
    return estimate(password, language, userInputs);
  }

  private load(): Promise<Estimator> {
    if (this.estimator) {
      return this.estimator;
    }
    this.current.set('loading');
    const estimator = Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-de'),
      import('@zxcvbn-ts/language-en'),
    ]).then(([core, common, de, en]) => {
      core.zxcvbnOptions.setOptions({
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...de.dictionary, ...en.dictionary },
        translations: de.translations,
      });
      const translations = { de: de.translations, en: en.translations };
      return (password: string, language: Language, userInputs: string[]) => {
        core.zxcvbnOptions.setTranslations(translations[language]);
        const result = core.zxcvbn(password, userInputs);
        return {
          score: result.score as StrengthScore,
          warning: result.feedback.warning ?? '',
          suggestions: result.feedback.suggestions,
        };
      };
    });
    this.estimator = estimator;
    estimator.then(
      () => this.current.set('ready'),
      () => {
        this.estimator = undefined;
        this.current.set('failed');
      },
    );
    return estimator;
  }
}
