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

  it('accepts a phone wrapped in invisible marks, as iOS Contacts copies it', () => {
    deepEqual(validateGuest(with_({ guestPhone: '\u202d+91 98765 43210\u202c' }), 'phone'), {});
    for (const mark of ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\ufeff']) {
      deepEqual(validateGuest(with_({ guestPhone: `${mark}+91 98765${mark} 43210` })), {}, JSON.stringify(mark));
    }
    // Nothing visible is nothing given.
    deepEqual(validateGuest(with_({ guestPhone: '\u202d\u202c' }), 'phone'), { guestPhone: 'phoneRequired' });
  });

  it('checks the e-mail as sent: full-width forms as ASCII, invisible characters dropped', () => {
    for (const good of ['name＠example.com', 'ｎａｍｅ@example.com', 'asha@example.com\u200b', '\u202aasha@example.com\u202c']) {
      deepEqual(validateGuest(with_({ guestEmail: good })), {}, JSON.stringify(good));
    }
    deepEqual(validateGuest(with_({ guestEmail: '\u200b' })), { guestEmail: 'emailRequired' });
    // An invisible e-mail is no way to reach the guest either.
    deepEqual(validateGuest({ guestName: 'Asha', guestEmail: '\u200b', guestPhone: '\u202c', specialRequests: '' }, 'email-or-phone'), {
      guestEmail: 'emailOrPhone',
    });
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
    equal(toGuestFields(with_({ guestPhone: '\u202d+91 98765 43210\u202c' })).guestPhone, '+91 98765 43210');
    equal(toGuestFields(with_({ guestPhone: '\u2066+33 6 12\u200b 34 56 78\u2069' })).guestPhone, '+33 6 12 34 56 78');
  });

  it('sends the e-mail in ASCII forms without invisible characters, its case kept', () => {
    equal(toGuestFields(with_({ guestEmail: ' asha@example.com\u200b ' })).guestEmail, 'asha@example.com');
    equal(toGuestFields(with_({ guestEmail: 'ｎａｍｅ@example.com' })).guestEmail, 'name@example.com');
    equal(toGuestFields(with_({ guestEmail: 'Ａsha.Rao＠Example.com' })).guestEmail, 'Asha.Rao@Example.com');
    equal(toGuestFields(with_({ guestEmail: '\u202d\u202c' })).guestEmail, undefined);
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
  it('fills the limit into length messages, in the locale\'s digits', () => {
    equal(guestErrorText(defaultStrings, 'nameTooLong', 'en-IN'), 'Please shorten your name to 200 characters.');
    equal(guestErrorText(defaultStrings, 'requestsTooLong', 'en-IN'), 'Please shorten your requests to 2,000 characters.');
    equal(guestErrorText(defaultStrings, 'nameRequired', 'en-IN'), defaultStrings.nameRequired);
    equal(guestErrorText(defaultStrings, 'nameTooLong', 'mr-IN'), 'Please shorten your name to २०० characters.');
    equal(guestErrorText(defaultStrings, 'emailTooLong', 'ar-EG'), 'Please shorten your e-mail address to ٢٥٤ characters.');
  });
});
