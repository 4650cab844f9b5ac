import { equal, throws } from '../test-utils/assert.js';
import { currencyDigits, formatMinor, toMinor } from './money.js';

describe('money', () => {
  it('knows minor digits per currency', () => {
    equal(currencyDigits('INR'), 2);
    equal(currencyDigits('JPY'), 0);
    equal(currencyDigits('KWD'), 3);
    throws(() => currencyDigits('NOPE1'));
  });

  it('converts major units without float drift', () => {
    equal(toMinor(4999.5, 'INR'), 499950);
    equal(toMinor(0.1, 'USD') + toMinor(0.2, 'USD'), 30);
    equal(toMinor(1.005, 'USD'), 101);
    equal(toMinor(12000, 'JPY'), 12000);
    // 30 nights at 0.1 stays exact once in minor units.
    let total = 0;
    for (let i = 0; i < 30; i++) total += toMinor(0.1, 'USD');
    equal(total, 300);
  });

  it('formats in the host locale, whole amounts without decimals', () => {
    equal(formatMinor(349900, 'INR', 'en-IN'), '₹3,499');
    equal(formatMinor(499950, 'INR', 'en-IN'), '₹4,999.50');
    equal(formatMinor(12345600, 'INR', 'en-IN'), '₹1,23,456');
    equal(formatMinor(12000, 'JPY', 'ja-JP'), '￥12,000');
    equal(formatMinor(123450, 'EUR', 'de-DE'), '1.234,50\u00a0€');
  });
});
