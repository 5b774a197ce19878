// English and Arabic strings and the formatting helpers, one entry point for the web app, reports and the CLI.
import ar from './ar.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export * from './format.ts';

/** i18next resources: one `translation` namespace per language; keys are the same in both files (a test checks). */
export const resources = {
  en: { translation: en },
  ar: { translation: ar },
} as const;
