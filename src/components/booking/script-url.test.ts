import { equal, match, waitFor } from '../../test-utils/assert.js';
import { checkScriptUrl } from './script-url.js';

describe('checkScriptUrl', () => {
  it('tells the host once to load the script by its plain URL when it carries a query string', async () => {
    const said: string[] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => void said.push(args.join(' '));
    try {
      checkScriptUrl('https://cdn.example.com/staymod-booking.js');
      checkScriptUrl('https://cdn.example.com/staymod-booking.js?v=3');
      checkScriptUrl('https://cdn.example.com/staymod-booking.js?v=3');
      await waitFor(() => said.length > 0, 3000, 'a console warning');
      await new Promise((r) => setTimeout(r, 100));
      equal(said.length, 1, 'one warning, for the URL with a query string');
      match(said[0]!, /loaded as https:\/\/cdn\.example\.com\/staymod-booking\.js\?v=3/);
      match(said[0]!, /plain URL, https:\/\/cdn\.example\.com\/staymod-booking\.js,/);
    } finally {
      console.warn = warn;
    }
  });
});
