// query-core is a lazy file: the first requests go out before it loads and are handed over to
// it, never asked twice. Its own file: query-core must not be loaded yet when it starts.
import type { QueryClient, QueryObserverOptions } from '@tanstack/query-core';
import { StaymodError } from '../contract/errors.js';
import { equal, ok, waitFor } from '../test-utils/assert.js';
import { controllerHost } from '../test-utils/controller-host.js';
import { clientFor, sharedQueryClient } from './queries.js';
import { QueriesController } from './query-controller.js';
import { dataFileNow } from '../client/data-door.js';

(globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'development' } };

// The data file is many unbundled modules here: on a busy 2-core machine its first load has
// taken over 5 s. What these tests check is the order of requests, not the load's speed.
const LOAD_MS = 20_000;

describe('the first requests and the lazy query-core', function () {
  this.timeout(45_000);

  it('asks each query once, before query-core has loaded, and hands the answer over', async () => {
    ok(!dataFileNow(), 'query-core is not loaded when the test starts');
    const calls: string[] = [];
    let answer = (_: string) => {};
    const rooms: QueryObserverOptions<string, Error> = {
      queryKey: ['head-start', 'rooms'],
      queryFn: () => (calls.push('rooms'), new Promise<string>((resolve) => (answer = resolve))),
    };
    // Fails once for a passing reason: query-core's retry asks again once it has taken over.
    const extras: QueryObserverOptions<string, Error> = {
      queryKey: ['head-start', 'extras'],
      queryFn: async () => {
        calls.push('extras');
        if (calls.filter((c) => c === 'extras').length === 1) throw new StaymodError('network', 'offline for a moment');
        return 'breakfast';
      },
    };
    const h = controllerHost();
    const controller = new QueriesController(h, clientFor, () => [rooms, extras]);
    h.connect();
    equal(calls.join(), 'rooms,extras', 'both requests went out at connect, without waiting for query-core');
    equal(controller.results.length, 0, 'no results while query-core loads');
    await waitFor(() => Boolean(dataFileNow()) && controller.results.length === 2, LOAD_MS, 'query-core loaded and observing');
    equal(controller.results[0]!.data, undefined, 'still waiting for the answer');
    answer('three rooms');
    await waitFor(() => controller.results[0]?.data === 'three rooms' && controller.results[1]?.data === 'breakfast', 5000, 'the answers shown');
    equal(calls.join(), 'rooms,extras,extras', 'rooms asked once (the observer joined the request in flight), extras retried once');
    h.disconnect();
  });

  it('reports a client that cannot load as an error on every query, and "Try again" loads again', async () => {
    let attempts = 0;
    // Loaded by the test above; waited for here too, so a failure there is not repeated here.
    const client = (await waitFor(() => (dataFileNow() ? sharedQueryClient() : undefined), LOAD_MS, 'query-core loaded'))!;
    const loadClient = (): QueryClient | Promise<QueryClient> => (++attempts === 1 ? Promise.reject(new StaymodError('network', 'no file')) : client);
    const h = controllerHost();
    const controller = new QueriesController(h, loadClient, () => [
      { queryKey: ['head-start', 'july'], queryFn: async () => 'july nights' },
      { queryKey: ['head-start', 'august'], queryFn: async () => 'august nights' },
    ]);
    h.connect();
    await waitFor(() => controller.results.length === 2, 5000, 'the failure reported');
    ok(controller.results.every((r) => r.error instanceof StaymodError && r.error.code === 'network'), 'each query carries the load failure');
    await controller.refetch();
    await waitFor(() => controller.results.map((r) => r.data).join() === 'july nights,august nights', 5000, 'the answers after the retry');
    equal(attempts, 2);
    h.disconnect();
  });
});
