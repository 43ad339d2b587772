// The language context: current language (kept in localStorage), the t(key) hook and the language switch.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';
import { setApiLanguage } from '../../lib/api';

export type Language = 'zh-CN' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'jiayuan.lang';
const catalogues: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

function initialLanguage(): Language {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

type I18n = { language: Language; setLanguage: (language: Language) => void; t: Translate };
const I18nContext = createContext<I18n | null>(null);

/** Fills `{name}` placeholders in a message. */
function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Provides the language to the app and keeps the API's Accept-Language and <html lang> in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const lang = initialLanguage();
    setApiLanguage(lang);
    document.documentElement.lang = lang;
    return lang;
  });
  const setLanguage = useCallback((lang: Language) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setApiLanguage(lang);
    document.documentElement.lang = lang;
    setLanguageState(lang);
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[language];
    return { language, setLanguage, t: (key, vars) => fill(catalogue[key] ?? key, vars) };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and a setter (for the switch in the header). */
export function useLanguage(): [Language, (language: Language) => void] {
  const { language, setLanguage } = useI18n();
  return [language, setLanguage];
}
