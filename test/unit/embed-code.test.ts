// The playground's settings <-> URL and the embed snippet it shows (demo/embed-code.ts).
import { deepEqual, equal, ok } from '../../src/test-utils/assert.js';
import { DEFAULTS, PLACEHOLDERS, cssVariables, embedCode, readSettings, snippetConnection, widgetAttributes, writeSettings } from '../../demo/embed-code.js';

const connection = { propertyId: '71c1cf237ed753d9d00db738', apiKey: 'sk_live_abc', apiBase: 'http://127.0.0.1:8787', roomsSrc: '/rooms.json', proxyUrl: 'https://hotel.example/api/staymod' };

describe('playground settings', () => {
  it('round-trips through the URL, writing only what differs from the defaults', () => {
    equal(writeSettings(DEFAULTS), '');
    const settings = { ...DEFAULTS, mode: 'proxy' as const, locale: 'ar-EG' as const, width: '375' as const, colours: { accent: '#7c3aed' }, density: 1.25 };
    const query = writeSettings(settings, { sandbox: 'http://127.0.0.1:8790' });
    equal(new URLSearchParams(query).get('sandbox'), 'http://127.0.0.1:8790');
    deepEqual(readSettings(query), settings);
  });

  it('falls back to the default for each invalid value, keeping the valid ones', () => {
    const s = readSettings('locale=xx-YY&currency=GBP&months=3&min=0&max=abc&accent=red&radius=99&theme=dark&width=768');
    equal(s.locale, DEFAULTS.locale);
    equal(s.currency, DEFAULTS.currency);
    equal(s.months, DEFAULTS.months);
    equal(s.minNights, DEFAULTS.minNights);
    equal(s.maxNights, DEFAULTS.maxNights);
    deepEqual(s.colours, {});
    equal(s.radius, DEFAULTS.radius);
    equal(s.theme, 'dark');
    equal(s.width, '768');
  });

  it('never lets max nights fall below min nights', () => {
    const s = readSettings('min=5&max=2');
    equal(s.minNights, 5);
    equal(s.maxNights, 5);
  });
});

describe('embed code', () => {
  it('direct mode: key and Staymod origin, no proxy-url; right-to-left locales get dir="rtl"', () => {
    const attrs = new Map(widgetAttributes({ ...DEFAULTS, locale: 'ar-EG' }, connection));
    equal(attrs.get('api-key'), 'sk_live_abc');
    equal(attrs.get('api-base'), 'http://127.0.0.1:8787');
    equal(attrs.has('proxy-url'), false);
    equal(attrs.get('dir'), 'rtl');
    equal(attrs.get('rooms-src'), '/rooms.json', 'a room catalogue, so the key needs no rooms:read');
  });

  it('direct mode: the snippet names the only scopes the key may have, and how to make rooms.json', () => {
    const code = embedCode(DEFAULTS, connection);
    ok(/ONLY availability:read,\s+booking-options:read and bookings:write, never rooms:read/.test(code), code);
    ok(code.includes('npx staymod-booking rooms-snapshot'), code);
    ok(!embedCode({ ...DEFAULTS, mode: 'proxy' }, connection).includes('rooms:read'), 'proxy snippets need no key advice');
  });

  it('proxy mode: a proxy-url for the host to fill in, and no key at all', () => {
    const code = embedCode({ ...DEFAULTS, mode: 'proxy' }, connection);
    ok(code.includes(`proxy-url="${PLACEHOLDERS.proxyUrl}"`), code);
    ok(!code.includes('api-key'), 'no key in a proxy-mode snippet');
  });

  it('a host can paste it as is: self-hosted script, placeholders instead of the sandbox, a phone in <noscript>', () => {
    for (const mode of ['direct', 'proxy'] as const) {
      const code = embedCode({ ...DEFAULTS, mode }, connection);
      const doc = new DOMParser().parseFromString(code, 'text/html');
      // The CDN build is not published: the file is copied next to the host's pages.
      equal(doc.querySelector('script')?.getAttribute('src'), '/staymod-booking.js');
      ok(/<!-- Copy dist\/staymod-booking\.js /.test(code), 'the snippet says where the file comes from');
      const el = doc.querySelector('staymod-booking');
      equal(el?.getAttribute('property-id'), 'YOUR-PROPERTY-ID');
      ok(/REPLACE YOUR-PROPERTY-ID/.test(code), 'the placeholder is called out');
      // Nothing of the playground's own connection: its property, key, sandbox or proxy.
      for (const live of [connection.propertyId, connection.apiKey, connection.apiBase, connection.proxyUrl]) {
        ok(!code.includes(live), `${mode} snippet leaks ${live}`);
      }
      ok(!el?.hasAttribute('api-base'), 'api-base would point the widget at the sandbox');
      equal(doc.querySelector('noscript')?.textContent, 'Online booking needs JavaScript. Please call us on +91 XXXXX XXXXX to book.');
      ok(code.includes('<!-- REPLACE the phone number with yours. -->'), 'the phone placeholder is called out');
    }
    equal(new DOMParser().parseFromString(embedCode(DEFAULTS, connection), 'text/html').querySelector('staymod-booking')?.getAttribute('api-key'), PLACEHOLDERS.apiKey);
  });

  it('with the property phone set, <noscript> and the element both offer it', () => {
    const code = embedCode(DEFAULTS, { ...connection, propertyPhone: '+91 98765 43210' });
    const doc = new DOMParser().parseFromString(code, 'text/html');
    equal(doc.querySelector('noscript')?.textContent, 'Online booking needs JavaScript. Please call us on +91 98765 43210 to book.');
    equal(doc.querySelector('staymod-booking')?.getAttribute('property-phone'), '+91 98765 43210');
    ok(!code.includes('REPLACE the phone'), 'a real phone needs no replacing');
  });

  it('lists the theme variables that differ from the defaults, in a style block', () => {
    const s = { ...DEFAULTS, colours: { accent: '#7c3aed', surface: '#ffffff' }, radius: 4, font: 'serif' as const, fontSize: 18 };
    deepEqual(cssVariables(s), [
      ['--staymod-accent', '#7c3aed'],
      ['--staymod-radius', '4px'],
      ['--staymod-font', 'Georgia, "Times New Roman", serif'],
      ['--staymod-font-size', '1.125rem'],
    ]);
    const code = embedCode(s, connection);
    ok(code.includes('<style>\n  staymod-booking {\n    --staymod-accent: #7c3aed;'), code);
    ok(code.includes('<script type="module" src="/staymod-booking.js"></script>'), code);
    ok(code.includes('<noscript>'), code);
  });

  it('the snippet is valid HTML that recreates the same element', () => {
    const s = { ...DEFAULTS, months: '2' as const, minNights: 2, maxNights: 14, theme: 'dark' as const };
    const doc = new DOMParser().parseFromString(embedCode(s, connection), 'text/html');
    const el = doc.querySelector('staymod-booking');
    ok(el, 'no <staymod-booking> in the snippet');
    deepEqual(
      el.getAttributeNames().map((n) => [n, el.getAttribute(n)]),
      widgetAttributes(s, snippetConnection(connection)),
    );
    equal(el.getAttribute('min-nights'), '2');
  });
});
