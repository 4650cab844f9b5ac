import { equal, match, waitFor } from '../../test-utils/assert.js';
import { checkScriptUrl, scriptUrlProblem } from './script-url.js';

describe('scriptUrlProblem', () => {
  it('finds nothing wrong with the plain name, wherever it is served from', () => {
    equal(scriptUrlProblem('https://cdn.example.com/staymod-booking.js'), undefined);
    equal(scriptUrlProblem('https://cdn.jsdelivr.net/npm/staymod-booking@0.1.0/dist/staymod-booking.js'), undefined);
    equal(scriptUrlProblem('http://localhost:5173/staymod/0.1.0/staymod-booking.js'), undefined);
  });

  it('says query for a query string or a hash on the plain name', () => {
    equal(scriptUrlProblem('https://cdn.example.com/staymod-booking.js?v=3'), 'query');
    equal(scriptUrlProblem('https://hotel.example/wp-content/plugins/x/staymod-booking.js?ver=6.5'), 'query');
    equal(scriptUrlProblem('https://cdn.example.com/staymod-booking.js#x'), 'query');
  });

  it('says name for a renamed or fingerprinted file (the lazy files import ./staymod-booking.js)', () => {
    equal(scriptUrlProblem('https://cdn.example.com/staymod-booking.min.js'), 'name');
    equal(scriptUrlProblem('https://hotel.example/assets/staymod-booking.3f9a1c.js'), 'name');
    equal(scriptUrlProblem('https://hotel.example/booking.js?v=3'), 'name');
    equal(scriptUrlProblem('https://hotel.example/staymod-booking.js/'), 'name');
  });

  it('says nothing about a URL it cannot resolve against', () => {
    equal(scriptUrlProblem('not a url'), undefined);
  });
});

describe('checkScriptUrl', () => {
  it('tells the host once per problem: a query string, then a renamed file', async () => {
    const said: string[] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => void said.push(args.join(' '));
    try {
      checkScriptUrl('https://cdn.example.com/staymod-booking.js');
      checkScriptUrl('https://cdn.example.com/staymod-booking.js?v=3');
      checkScriptUrl('https://cdn.example.com/staymod-booking.js?v=3');
      checkScriptUrl('https://cdn.example.com/staymod-booking.min.js');
      checkScriptUrl('https://cdn.example.com/staymod-booking.min.js');
      await waitFor(() => said.length > 1, 3000, 'two console warnings');
      await new Promise((r) => setTimeout(r, 100));
      equal(said.length, 2, 'one warning for the URL with a query string, one for the renamed file');
      match(said[0]!, /loaded as https:\/\/cdn\.example\.com\/staymod-booking\.js\?v=3/);
      match(said[0]!, /plain URL, https:\/\/cdn\.example\.com\/staymod-booking\.js,/);
      match(said[1]!, /^\[staymod-booking\] The script was loaded as https:\/\/cdn\.example\.com\/staymod-booking\.min\.js: /);
      match(said[1]!, /import https:\/\/cdn\.example\.com\/staymod-booking\.js, /);
    } finally {
      console.warn = warn;
    }
  });
});
