import { defaultStrings, type StringKey } from './strings.js';
import './checkout-strings.js'; // the whole English table
import { LANGUAGES, languageFor, type Language } from './locales/index.js';
import type { Translation } from './locales/translation.js';
import { deepEqual, equal, ok } from '../test-utils/assert.js';

const ENGLISH = defaultStrings as Record<string, string>;
const KEYS = Object.keys(defaultStrings) as StringKey[];
/** `nights`, `beds`, ...: every `<base>One` with a `<base>Other`. */
const PLURAL_BASES = KEYS.filter((k) => k.endsWith('One') && `${k.slice(0, -3)}Other` in defaultStrings).map((k) => k.slice(0, -3));
const CAPITALISED = { zero: 'Zero', one: 'One', two: 'Two', few: 'Few', many: 'Many', other: 'Other' } as const;

/**
 * Strings that may equal the English text. Pure formats are the same everywhere; a few words are
 * simply the same word in that language (forcing a synonym would read worse).
 */
const SAME_AS_ENGLISH: Partial<Record<Language | 'all', StringKey[]>> = {
  // Only placeholders and a sign: `{beds} ({size})`, `{quantity} × {name}`.
  all: ['bedsWithSize', 'roomLine'],
  // "Total" is the French and the Spanish word, as on any bill; "photo(s)" is the French word.
  fr: ['total', 'photosOne', 'photosOther'],
  es: ['total'],
};

/**
 * Plural categories a language may leave to `<base>Other`. None today: every language gives each
 * category its rules can select. A new language listed here must say why.
 */
const OPTIONAL_CATEGORIES: Partial<Record<Language, Intl.LDMLPluralRule[]>> = {};

/**
 * Categories whose form may leave out `{count}`: each matches exactly one number, and the noun itself
 * says it (Arabic ليلة واحدة "one night", ليلتان "two nights"), as CLDR's own Arabic units do.
 * Every other placeholder must still be there.
 */
const NUMBER_IN_WORD: Partial<Record<Language, Intl.LDMLPluralRule[]>> = { ar: ['zero', 'one', 'two'] };

/** Languages in a non-Latin script, and the Latin tokens they may keep. */
const NON_LATIN: Partial<Record<Language, string[]>> = {
  // An e-mail address example must stay a working address shape.
  hi: ['name@example.com'],
  ta: ['name@example.com'],
  bn: ['name@example.com'],
  mr: ['name@example.com'],
  ar: ['name@example.com'],
  ja: ['name@example.com'],
};

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

const languages = Object.keys(LANGUAGES) as Language[];

describe('built-in translations', () => {
  const loaded = {} as Record<Language, Record<string, string>>;
  before(async () => {
    for (const lang of languages) loaded[lang] = (await LANGUAGES[lang]()).default satisfies Translation;
  });

  for (const lang of languages) {
    describe(lang, () => {
      it('has every English key, non-empty and without stray spaces', () => {
        for (const key of KEYS) {
          const text = loaded[lang][key];
          ok(typeof text === 'string' && text.trim() !== '', `${lang}.${key} is missing or empty`);
          equal(text, text.trim(), `${lang}.${key} has leading or trailing spaces`);
        }
      });

      it('keeps exactly the English placeholders', () => {
        for (const [key, text] of Object.entries(loaded[lang])) {
          const plural = PLURAL_BASES.find((base) => /^(Zero|One|Two|Few|Many|Other)$/.test(key.slice(base.length)) && key.startsWith(base));
          const english = ENGLISH[key] ?? (plural ? ENGLISH[`${plural}Other`]! : undefined);
          ok(english !== undefined, `${lang}.${key} is not a string the widget knows`);
          let expected = placeholders(english);
          const category = plural && key.slice(plural.length).toLowerCase();
          if (NUMBER_IN_WORD[lang]?.includes(category as Intl.LDMLPluralRule) && !text.includes('{count}')) {
            expected = expected.filter((name) => name !== 'count');
          }
          deepEqual(placeholders(text), expected, `${lang}.${key}`);
        }
      });

      it('translates every string but the allowed few', () => {
        const allowed = [...SAME_AS_ENGLISH.all!, ...(SAME_AS_ENGLISH[lang] ?? [])];
        for (const key of KEYS) {
          if (allowed.includes(key)) continue;
          ok(loaded[lang][key] !== ENGLISH[key], `${lang}.${key} is still English: ${ENGLISH[key]}`);
        }
      });

      it('has a form for every plural category the language selects, and none it never selects', () => {
        const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        for (const base of PLURAL_BASES) {
          for (const category of categories) {
            if (OPTIONAL_CATEGORIES[lang]?.includes(category)) continue;
            ok(loaded[lang][`${base}${CAPITALISED[category]}`], `${lang}.${base}${CAPITALISED[category]} is missing`);
          }
          for (const category of ['zero', 'two', 'few', 'many'] as const) {
            const key = `${base}${CAPITALISED[category]}`;
            ok(!(key in loaded[lang]) || categories.includes(category), `${lang}.${key}: ${lang} never selects "${category}"`);
          }
        }
      });

      it('has no digits (numbers come from Intl) and no bidi control characters (the widget isolates text)', () => {
        for (const [key, text] of Object.entries(loaded[lang])) {
          ok(!/\p{Nd}/u.test(text), `${lang}.${key} has a digit: ${text}`);
          ok(!/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(text), `${lang}.${key} has a bidi control character`);
        }
      });

      const latinTokens = NON_LATIN[lang];
      if (latinTokens) {
        it('has no Latin letters outside placeholders and the allowed tokens', () => {
          for (const [key, text] of Object.entries(loaded[lang])) {
            let rest = text.replace(/\{\w+\}/g, '');
            for (const token of latinTokens) rest = rest.split(token).join('');
            ok(!/[A-Za-z]/.test(rest), `${lang}.${key} has Latin letters: ${text}`);
          }
        });
      }
    });
  }
});

describe('languageFor', () => {
  it('maps a tag to its built-in language, ignoring region and case', () => {
    equal(languageFor('hi-IN'), 'hi');
    equal(languageFor('ar-EG'), 'ar');
    equal(languageFor('AR-eg'), 'ar');
    equal(languageFor('ja'), 'ja');
    equal(languageFor('fr-CA'), 'fr');
    equal(languageFor('de-CH-1996'), 'de');
    equal(languageFor('ta-u-nu-tamldec'), 'ta');
  });

  it('falls back to English for other languages, other scripts and invalid tags', () => {
    equal(languageFor('en-GB'), 'en');
    equal(languageFor('pt-BR'), 'en');
    equal(languageFor('zh-Hant-TW'), 'en');
    equal(languageFor('hi-Latn'), 'en');
    equal(languageFor(''), 'en');
    equal(languageFor('hi_IN'), 'en');
    equal(languageFor('not a tag'), 'en');
    equal(languageFor('toString'), 'en');
  });

  it('offers a loader for every language it can answer', () => {
    deepEqual(Object.keys(LANGUAGES).sort(), ['ar', 'bn', 'de', 'es', 'fr', 'hi', 'ja', 'mr', 'ta']);
  });
});
