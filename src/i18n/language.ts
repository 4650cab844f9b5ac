/**
 * Built-in languages, loaded on demand: English is in the main file, every other
 * language is its own file fetched next to the script the first time a widget asks
 * for it. A file that fails to load is tried once more, then English is used and the
 * host told once: text in the wrong language, never a dead widget.
 */
import { languageFor, LANGUAGES, type Language } from './locales/index.js';
import type { Translation } from './locales/translation.js';

/** Languages written right to left (the widget sets `dir` when the host did not). */
const RTL: ReadonlySet<string> = new Set(['ar']);

const tables = new Map<Language, Translation>();
const loading = new Map<Language, Promise<void>>();
const failed = new Set<Language>();

/** Values inside right-to-left sentences are isolated, so a Latin room name cannot scramble them. */
function isolated(table: Translation): Translation {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(table)) out[key] = text.replace(/\{\w+\}/g, '\u2068$&\u2069');
  return out as Translation;
}

/** The loaded table for `locale`, or undefined for English, a language still loading, or one that failed. */
export function languageTable(locale: string): Translation | undefined {
  const language = languageFor(locale);
  return language === 'en' ? undefined : tables.get(language);
}

export function isRtl(locale: string): boolean {
  return RTL.has(languageFor(locale));
}

/**
 * Starts loading `locale`'s language if it is built in and not loaded yet; resolves
 * when the table can be used (or English stays). Undefined when there is nothing to wait for.
 */
export function loadLanguage(locale: string, report: (message: string) => void): Promise<void> | undefined {
  const language = languageFor(locale);
  if (language === 'en' || tables.has(language) || failed.has(language)) return undefined;
  let pending = loading.get(language);
  if (!pending) {
    const get = LANGUAGES[language];
    pending = get()
      .catch(() => get())
      .then(
        (module) => {
          const table = module.default as Translation;
          tables.set(language, RTL.has(language) ? isolated(table) : table);
        },
        () => {
          failed.add(language);
          report(`the "${language}" text file could not be loaded (it is served next to staymod-booking.js); showing English.`);
        },
      )
      .finally(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}
