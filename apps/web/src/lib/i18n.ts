import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';

export const defaultNamespace = 'translation';
export const resources = { en: { translation: en } } as const;

/**
 * A ready-to-use i18next instance. Resources are bundled (the app runs air-gapped), so
 * initialisation is synchronous and nothing suspends waiting for translations.
 */
export function createI18n(language = 'en'): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    defaultNS: defaultNamespace,
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}
