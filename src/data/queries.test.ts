import { focusManager, QueryClient } from '@tanstack/query-core';
import { StaymodError } from '../contract/errors.js';
import { equal } from '../test-utils/assert.js';
import { controllerHost } from '../test-utils/controller-host.js';
import type { StaymodClient } from '../client/client.js';
import { QueriesController } from './query-controller.js';
import { loadDataFile } from '../client/data-door.js';
import { freshStayQuery } from './fresh-stay.js';
import { roomDetailsQuery, type Source } from './queries.js';
import { readDefaults } from './read-defaults.js';

// query-core reads process.env.NODE_ENV (every build defines it); this unbundled test page has no `process`.
(globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'development' } };
// The controller builds its observer from query-core as the data file's door loaded it.
before(() => loadDataFile());

const source: Source = { client: { mode: 'proxy' } as StaymodClient, scope: ['https://api.example', 'p1'] };
const catalogue = () => ({ version: 1, propertyId: 'p1', rooms: [{ id: 'r1', name: 'Sea View Double' }] });

/** One widget's room-details query, mounted and unmounted as an SPA route would. */
function visit(client: QueryClient, value: unknown): void {
  const host = controllerHost();
  new QueriesController(host, () => client, () => [roomDetailsQuery(source, { value }, 'p1', 1000)]);
  host.connect();
  host.disconnect();
}

describe('room details from a catalogue object', () => {
  it('keeps one cache entry however many equal catalogue objects the host passes (one per mount or render)', () => {
    const client = new QueryClient();
    for (let i = 0; i < 50; i++) visit(client, catalogue());
    equal(client.getQueryCache().getAll().length, 1);
  });

  it('keeps catalogues with different content apart', () => {
    const client = new QueryClient();
    visit(client, catalogue());
    visit(client, { ...catalogue(), rooms: [{ id: 'r2', name: 'Garden Suite' }] });
    equal(client.getQueryCache().getAll().length, 2);
  });
});

describe("the stay's fresh re-read before a booking", () => {
  it('is asked once and never paused: a failure returns at once even in a hidden tab, so no booking leaves later by itself', async () => {
    let calls = 0;
    const failing: Source = {
      client: {
        mode: 'direct',
        availability: async () => {
          calls++;
          throw new StaymodError('network', 'Failed to fetch');
        },
      } as unknown as StaymodClient,
      scope: ['https://api.example', 'p1'],
    };
    const client = new QueryClient({ defaultOptions: { queries: readDefaults } });
    focusManager.setFocused(false);
    try {
      const outcome = await Promise.race([
        client.fetchQuery(freshStayQuery(failing, '2027-01-10', '2027-01-11')).then(
          () => 'answered',
          (error: unknown) => (error instanceof StaymodError ? error.code : 'other'),
        ),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1500)),
      ]);
      equal(outcome, 'network');
      equal(calls, 1);
    } finally {
      focusManager.setFocused(undefined);
    }
  });
});
