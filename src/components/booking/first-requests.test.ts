// The widget's first API requests go out before anything else it does: no storage read
// (the draft), no Intl formatter and no render ahead of them, and its script creates no
// Intl object while it is evaluated (the page's first costs ~20 ms of ICU loading). Its own
// file, so the page's query cache is empty, the requests really go out, and the script is
// evaluated here for the first time.
import { addDays, type DateKey } from '../../domain/dates.js';
import { ok, waitFor } from '../../test-utils/assert.js';
import { DEMO, SANDBOX_URL } from '../../test-utils/sandbox.js';

(globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'development' } };

const INTL = ['NumberFormat', 'DateTimeFormat', 'PluralRules'] as const;

/** Wraps Intl's constructors so each use is logged; returns the undo. */
function spyIntl(log: string[]): () => void {
  const undo: Array<() => void> = [];
  for (const name of INTL) {
    const real = Intl[name];
    const spy = new Proxy(real, {
      construct: (target, args) => (log.push('intl'), Reflect.construct(target, args)),
      apply: (target, self, args) => (log.push('intl'), Reflect.apply(target, self, args)),
    });
    (Intl as Record<string, unknown>)[name] = spy;
    undo.push(() => ((Intl as Record<string, unknown>)[name] = real));
  }
  return () => undo.forEach((u) => u());
}

describe('<staymod-booking> first requests', () => {
  const atEvaluation: string[] = [];
  before(async () => {
    const undo = spyIntl(atEvaluation);
    try {
      await import('../../define.js');
    } finally {
      undo();
    }
  });

  it('creates no Intl object while its script is evaluated', () => {
    ok(customElements.get('staymod-booking') !== undefined, 'the script defined the element');
    ok(atEvaluation.length === 0, `Intl used ${atEvaluation.length} time(s) at evaluation`);
  });

  const restore: Array<() => void> = [];
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
    document.querySelectorAll('staymod-booking').forEach((el) => el.remove());
  });

  it('sends its first GET before reading the draft, creating a formatter or rendering', async () => {
    const log: string[] = [];
    let renderedAtFirstFetch: boolean | undefined;
    const el = document.createElement('staymod-booking');
    const { fetch: realFetch } = globalThis;
    globalThis.fetch = (input, init) => {
      if (String(input).startsWith(SANDBOX_URL) && !log.includes('fetch')) renderedAtFirstFetch = Boolean(el.shadowRoot?.querySelector('*'));
      if (String(input).startsWith(SANDBOX_URL)) log.push('fetch');
      return realFetch(input, init);
    };
    restore.push(() => (globalThis.fetch = realFetch));
    const { getItem } = Storage.prototype;
    Storage.prototype.getItem = function (this: Storage, key: string) {
      log.push('storage');
      return getItem.call(this, key);
    };
    restore.push(() => (Storage.prototype.getItem = getItem));
    restore.push(spyIntl(log));
    // A saved draft for this property: the element must read it, but only after its requests left.
    const today = (DEMO.today ?? new Date().toISOString().slice(0, 10)) as DateKey;
    sessionStorage.setItem(`staymod-booking:v1:${DEMO.propertyId}`, JSON.stringify({ guest: {}, checkIn: addDays(today, 40), checkOut: addDays(today, 42), guests: 2, selection: {}, options: [], savedAt: Date.now() }));
    const attrs = { 'property-id': DEMO.propertyId, 'api-key': DEMO.keys.full, 'api-base': SANDBOX_URL, today };
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    document.body.append(el);
    await waitFor(() => log.includes('storage') && log.includes('intl'), 5000, 'the draft read and the first formatter');
    ok(log[0] === 'fetch', `the first thing done is a request (got ${log.slice(0, 5).join(', ')})`);
    ok(renderedAtFirstFetch === false, 'nothing was rendered when the first request went out');
    sessionStorage.clear();
  });
});
