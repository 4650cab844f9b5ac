import { equal } from '../../test-utils/assert.js';
import { preconnectApis } from './preconnect.js';

describe('preconnectApis', () => {
  afterEach(() => {
    document.querySelectorAll('link[rel="preconnect"], staymod-booking').forEach((el) => el.remove());
  });

  const links = () => [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="preconnect"]')].map((l) => [l.href, l.getAttribute('crossorigin')]);

  it('opens one anonymous connection per API origin of the widgets on the page', () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<staymod-booking proxy-url="https://book.example-hotel.com/staymod"></staymod-booking>
       <staymod-booking proxy-url="https://book.example-hotel.com/other" api-base="https://ignored.example"></staymod-booking>
       <staymod-booking api-base="https://api.example.net/"></staymod-booking>
       <staymod-booking></staymod-booking>
       <staymod-booking proxy-url="/same-origin-proxy"></staymod-booking>`,
    );
    preconnectApis();
    preconnectApis();
    // proxy-url wins over api-base; no attribute means Staymod itself; the page's own origin needs none.
    equal(JSON.stringify(links()), JSON.stringify([
      ['https://book.example-hotel.com/', 'anonymous'],
      ['https://api.example.net/', 'anonymous'],
      ['https://app.staymod.in/', 'anonymous'],
    ]));
  });

  it('leaves alone an origin the page already preconnects to', () => {
    document.head.insertAdjacentHTML('beforeend', '<link rel="preconnect" href="https://app.staymod.in" crossorigin>');
    document.body.insertAdjacentHTML('beforeend', '<staymod-booking></staymod-booking>');
    preconnectApis();
    equal(links().length, 1);
  });
});
