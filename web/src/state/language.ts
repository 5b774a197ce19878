// The interface language: i18next set up from src/i18n, <html lang/dir> kept in step, the choice remembered.
import { signal } from '@preact/signals';
import i18next from 'i18next';
import { directionOf, type Language, resources } from '../../../src/i18n/index.ts';

const STORAGE_KEY = 'safepassage.language';

function initial(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'ar' || saved === 'en') return saved;
  return navigator.language.startsWith('ar') ? 'ar' : 'en';
}

/** The language on screen; components read it so they re-render when it changes. */
export const language = signal<Language>(initial());

await i18next.init({
  lng: language.value,
  fallbackLng: 'en',
  resources,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyToDocument(lang: Language): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = directionOf(lang);
  document.title = i18next.t('app.title');
}
applyToDocument(language.value);

export async function setLanguage(lang: Language): Promise<void> {
  await i18next.changeLanguage(lang);
  localStorage.setItem(STORAGE_KEY, lang);
  applyToDocument(lang);
  language.value = lang;
}

/** Translates a key in the current language; reading `language` subscribes the calling component. */
export function t(key: string, options?: Record<string, unknown>): string {
  void language.value;
  return i18next.t(key, options ?? {}) as string;
}
