import { equal, ok } from '../test-utils/assert.js';
import { resolveContext } from './context.js';
import { isRtl, languageTable, loadLanguage } from './language.js';
import ar from './locales/ar.js';
import de from './locales/de.js';
import { defaultStrings } from './strings.js';
import './checkout-strings.js'; // the whole English table

const quiet = () => {};

describe('built-in languages', () => {
  it('English needs no loading; another language loads once, then every widget uses it', async () => {
    equal(loadLanguage('en-IN', quiet), undefined);
    const first = loadLanguage('de-DE', quiet);
    ok(first, 'German starts loading');
    equal(loadLanguage('de-AT', quiet), first, 'one load per language, whatever the region');
    await first;
    equal(loadLanguage('de-DE', quiet), undefined, 'loaded: nothing to wait for');
    equal(languageTable('de-CH')?.submit, de.submit);
    equal(resolveContext('de-DE', 'EUR', undefined, quiet).strings.submit, de.submit);
  });

  it("the host's strings still win over a built-in language", async () => {
    await loadLanguage('de-DE', quiet);
    const ctx = resolveContext('de-DE', 'EUR', { submit: 'Jetzt anfragen' }, quiet);
    equal(ctx.strings.submit, 'Jetzt anfragen');
    equal(ctx.strings.back, de.back);
  });

  it('Arabic: right to left, every plural form, and values isolated from the sentence around them', async () => {
    ok(isRtl('ar-EG') && !isRtl('en-IN') && !isRtl('fr-FR'));
    await loadLanguage('ar-EG', quiet);
    const ctx = resolveContext('ar-EG', 'AED', undefined, quiet);
    equal(ctx.plural('nights', 2), ar.nightsTwo.replace(/\{\w+\}/g, (m) => `\u2068${m}\u2069`).replace('{count}', '٢'));
    ok(ctx.plural('nights', 5).includes('\u2068٥\u2069'), ctx.plural('nights', 5));
    ok(ctx.strings.roomsRefused.includes('\u2068{rooms}\u2069'), 'a Latin room name inside Arabic text is isolated');
  });

  it('an unknown or English locale keeps English', () => {
    equal(resolveContext('pt-BR', 'BRL', undefined, quiet).strings, defaultStrings);
    equal(resolveContext('en-US', 'USD', undefined, quiet).strings, defaultStrings);
  });
});
