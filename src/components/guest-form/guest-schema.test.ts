import { deepEqual, equal } from '../../test-utils/assert.js';
import { defaultStrings } from '../../i18n/strings.js';
import '../../i18n/checkout-strings.js'; // the whole English table
import { guestErrorText, toGuestFields, validateGuest, type GuestFormValue } from './guest-schema.js';

const valid: GuestFormValue = {
  guestName: 'Asha Rao',
  guestEmail: 'asha@example.in',
  guestPhone: '+91 (98) 7654-3210',
  specialRequests: 'Late arrival.\nQuiet room please.\tThanks',
};

const with_ = (patch: Partial<GuestFormValue>): GuestFormValue => ({ ...valid, ...patch });

describe('validateGuest', () => {
  it('accepts a complete, valid value; a name alone lacks the e-mail the property needs', () => {
    deepEqual(validateGuest(valid), {});
    const nameOnly = { guestName: 'Asha', guestEmail: '', guestPhone: '  ', specialRequests: '' };
    deepEqual(validateGuest(nameOnly), { guestEmail: 'emailRequired' });
  });

  it('requires the contact the property chose', () => {
    const none = { guestName: 'Asha', guestEmail: ' ', guestPhone: '', specialRequests: '' };
    const email = { ...none, guestEmail: 'asha@example.in' };
    const phone = { ...none, guestPhone: '98765 43210' };
    deepEqual(validateGuest(none, 'email'), { guestEmail: 'emailRequired' });
    deepEqual(validateGuest(phone, 'email'), { guestEmail: 'emailRequired' });
    deepEqual(validateGuest(none, 'phone'), { guestPhone: 'phoneRequired' });
    deepEqual(validateGuest(email, 'phone'), { guestPhone: 'phoneRequired' });
    deepEqual(validateGuest(phone, 'phone'), {});
    deepEqual(validateGuest(none, 'email-or-phone'), { guestEmail: 'emailOrPhone' });
    deepEqual(validateGuest(email, 'email-or-phone'), {});
    deepEqual(validateGuest(phone, 'email-or-phone'), {});
    deepEqual(validateGuest({ ...phone, guestEmail: 'asha@' }, 'email-or-phone'), { guestEmail: 'emailInvalid' });
    deepEqual(validateGuest(none, 'email-and-phone'), { guestEmail: 'emailRequired', guestPhone: 'phoneRequired' });
    deepEqual(validateGuest({ ...email, guestPhone: '98765 43210' }, 'email-and-phone'), {});
  });

  it('requires a name after trimming, up to 200 characters', () => {
    deepEqual(validateGuest(with_({ guestName: '' })), { guestName: 'nameRequired' });
    deepEqual(validateGuest(with_({ guestName: '   \u00a0 ' })), { guestName: 'nameRequired' });
    deepEqual(validateGuest(with_({ guestName: `  ${'a'.repeat(200)}  ` })), {});
    deepEqual(validateGuest(with_({ guestName: 'a'.repeat(201) })), { guestName: 'nameTooLong' });
  });

  it('checks e-mail only when given, and its length', () => {
    for (const good of ['a@b.co', ' padded@example.com ', 'रवि@उदाहरण.भारत', 'first.last+tag@mail.example.org']) {
      deepEqual(validateGuest(with_({ guestEmail: good })), {}, good);
    }
    for (const bad of ['asha', 'asha@', '@example.com', 'asha@example', 'a b@example.com', 'asha@@example.com', 'asha@example.']) {
      deepEqual(validateGuest(with_({ guestEmail: bad })), { guestEmail: 'emailInvalid' }, bad);
    }
    const long = `${'a'.repeat(60)}@${'b'.repeat(200)}.com`;
    deepEqual(validateGuest(with_({ guestEmail: long })), { guestEmail: 'emailTooLong' });
  });

  it('accepts phone digits with space + - ( ) . / and 6 to 20 digits, in any of the languages\' digits', () => {
    const goods = ['987654', '+91 98765 43210', '(022) 2345-6789', '1'.repeat(20), '06.12.34.56.78', '+1 415.555.0100', '98765/43210'];
    // Arabic-Indic, full-width with a Japanese keyboard's dash, Devanagari, Bengali.
    goods.push('٠٥٠١٢٣٤٥٦٧', '０９０−１２３４−５６７８', '+९१ ९८७६५ ४३२१०', '০১৭১১ ২৩৪৫৬৭');
    for (const good of goods) {
      deepEqual(validateGuest(with_({ guestPhone: good })), {}, good);
    }
    for (const bad of ['12345', '1'.repeat(21), '+91 98765 4321O', 'call me', '++--()', '٠١٢٣٤']) {
      deepEqual(validateGuest(with_({ guestPhone: bad })), { guestPhone: 'phoneInvalid' }, bad);
    }
  });

  it('limits special requests to 2000 characters, keeping line breaks and tabs', () => {
    deepEqual(validateGuest(with_({ specialRequests: 'x'.repeat(2000) })), {});
    deepEqual(validateGuest(with_({ specialRequests: 'line one\r\nline two\tend' })), {});
    deepEqual(validateGuest(with_({ specialRequests: 'x'.repeat(2001) })), { specialRequests: 'requestsTooLong' });
  });

  it('rejects control characters with a specific message', () => {
    deepEqual(validateGuest(with_({ guestName: 'Asha\u0000Rao' })), { guestName: 'controlCharacters' });
    deepEqual(validateGuest(with_({ guestName: 'Asha\nRao' })), { guestName: 'controlCharacters' });
    deepEqual(validateGuest(with_({ guestEmail: 'asha\u0007@example.com' })), { guestEmail: 'controlCharacters' });
    deepEqual(validateGuest(with_({ guestPhone: '98765\t43210' })), { guestPhone: 'controlCharacters' });
    deepEqual(validateGuest(with_({ specialRequests: 'ok\u001bbad' })), { specialRequests: 'controlCharacters' });
    deepEqual(validateGuest(with_({ specialRequests: 'ok\u0085bad' })), { specialRequests: 'controlCharacters' });
  });

  it('reports every invalid field at once', () => {
    deepEqual(validateGuest({ guestName: '', guestEmail: 'x', guestPhone: '1', specialRequests: '' }), {
      guestName: 'nameRequired',
      guestEmail: 'emailInvalid',
      guestPhone: 'phoneInvalid',
    });
  });

  it('treats missing or non-string fields of a restored draft as empty, without throwing', () => {
    deepEqual(validateGuest(undefined, 'phone'), { guestName: 'nameRequired', guestPhone: 'phoneRequired' });
    deepEqual(validateGuest({ guestName: 42 as unknown as string, guestEmail: null as unknown as string }), {
      guestName: 'nameRequired',
      guestEmail: 'emailRequired',
    });
  });
});

describe('toGuestFields', () => {
  it('sends a phone in ASCII digits, as the hotel dials it', () => {
    equal(toGuestFields(with_({ guestPhone: ' ٠٥٠١٢٣٤٥٦٧ ' })).guestPhone, '0501234567');
    equal(toGuestFields(with_({ guestPhone: '０９０−１２３４−５６７８' })).guestPhone, '090-1234-5678');
    equal(toGuestFields(with_({ guestPhone: '+९१ ९८७६५ ४३२१०' })).guestPhone, '+91 98765 43210');
  });

  it('trims and omits empty optionals', () => {
    deepEqual(toGuestFields({ guestName: '  Asha Rao ', guestEmail: ' ', guestPhone: ' +91 98765 43210 ', specialRequests: '\n' }), {
      guestName: 'Asha Rao',
      guestPhone: '+91 98765 43210',
    });
    deepEqual(toGuestFields(valid), {
      guestName: 'Asha Rao',
      guestEmail: 'asha@example.in',
      guestPhone: '+91 (98) 7654-3210',
      specialRequests: 'Late arrival.\nQuiet room please.\tThanks',
    });
  });
});

describe('guestErrorText', () => {
  it('fills the limit into length messages', () => {
    equal(guestErrorText(defaultStrings, 'nameTooLong'), 'Please shorten your name to 200 characters.');
    equal(guestErrorText(defaultStrings, 'requestsTooLong'), 'Please shorten your requests to 2000 characters.');
    equal(guestErrorText(defaultStrings, 'nameRequired'), defaultStrings.nameRequired);
  });
});
