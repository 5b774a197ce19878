// The English / Arabic switch; it flips <html dir> through setLanguage.
import { language, setLanguage, t } from '../state/language.ts';

export function LanguageSwitch() {
  const other = language.value === 'ar' ? 'en' : 'ar';
  return (
    <button
      type="button"
      class="language-switch"
      lang={other}
      data-testid="language-switch"
      title={t('app.language')}
      onClick={() => void setLanguage(other)}
    >
      {t('app.otherLanguage')}
    </button>
  );
}
