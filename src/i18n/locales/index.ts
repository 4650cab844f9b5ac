/**
 * Built-in translations, each loaded on demand (so each language can be its own chunk).
 * English is `defaultStrings` and needs no loading.
 */
export const LANGUAGES = {
  hi: () => import('./hi.js'),
  ta: () => import('./ta.js'),
  bn: () => import('./bn.js'),
  mr: () => import('./mr.js'),
  ar: () => import('./ar.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
};

export type Language = keyof typeof LANGUAGES;

/** The script each translation is written in: a tag asking for another script (hi-Latn) gets English instead. */
const SCRIPTS: Record<Language, string> = {
  hi: 'Deva',
  ta: 'Taml',
  bn: 'Beng',
  mr: 'Deva',
  ar: 'Arab',
  fr: 'Latn',
  de: 'Latn',
  es: 'Latn',
  ja: 'Jpan',
};

const languages = new Map<string, Language | 'en'>();

/** The built-in language for a BCP 47 tag (`hi-IN` -> `hi`), or 'en' when there is none or the tag is invalid. */
export function languageFor(locale: string): Language | 'en' {
  let language = languages.get(locale);
  if (language === undefined) {
    language = parseLanguage(locale);
    // Parsed once per tag (a page has a few): every render asks (text direction, the table to use).
    languages.set(locale, language);
  }
  return language;
}

function parseLanguage(locale: string): Language | 'en' {
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(locale);
  } catch {
    return 'en';
  }
  const language = parsed.language;
  if (!Object.hasOwn(LANGUAGES, language)) return 'en';
  const script = parsed.script;
  return script && script !== SCRIPTS[language as Language] ? 'en' : (language as Language);
}
