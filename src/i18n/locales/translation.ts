import type { PluralKey, StringKey } from '../strings.js';

/**
 * Plural forms beyond English's One/Other: Intl.PluralRules category `zero|two|few|many`
 * maps to `<base>Zero|Two|Few|Many`; an absent form falls back to `<base>Other`.
 */
export type PluralExtraKey = `${PluralKey}${'Zero' | 'Two' | 'Few' | 'Many'}`;

/** A built-in language: every English key, plus the extra plural forms that language needs. */
export type Translation = Record<StringKey, string> & Partial<Record<PluralExtraKey, string>>;
