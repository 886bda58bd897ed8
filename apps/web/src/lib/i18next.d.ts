import 'i18next';
import type { defaultNamespace, resources } from './i18n.ts';

// Makes `t('…')` keys type-checked against the English resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNamespace;
    resources: (typeof resources)['en'];
  }
}
