import { Injectable } from '@angular/core';
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
 * Password strength with zxcvbn-ts and its common, German and English dictionaries. They weigh
 * several hundred kilobytes, so they are loaded only when a page that sets a password opens.
 */
@Injectable({ providedIn: 'root' })
export class PasswordStrength {
  private estimator: Promise<Estimator> | undefined;

  /** Starts loading the dictionaries; call it when a page with a new password opens. */
  preload(): void {
    void this.load().catch(() => (this.estimator = undefined));
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
    this.estimator ??= Promise.all([
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
    return this.estimator;
  }
}
