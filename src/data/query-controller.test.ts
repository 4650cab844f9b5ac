import { QueryClient } from '@tanstack/query-core';
import { equal } from '../test-utils/assert.js';
import { controllerHost } from '../test-utils/controller-host.js';
import { QueriesController } from './query-controller.js';
import { loadDataFile } from '../client/data-door.js';

// query-core reads process.env.NODE_ENV (every build defines it); this unbundled test page has no `process`.
(globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'development' } };
// The controller builds its observer from query-core as the data file's door loaded it.
before(() => loadDataFile());

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/** A new task, unclamped (setTimeout(0) is clamped to 4 ms when nested, so four of them could straddle a frame on a busy machine). */
const task = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve(undefined);
    };
    channel.port2.postMessage(null);
  });

/**
 * A connected controller over queries whose answers the test releases (`resolvers`, in the
 * order the queries were asked), once every query is asking; `end` disconnects and unmounts.
 */
async function heldQueries(key: readonly unknown[], names: string[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.mount();
  const resolvers: Array<() => void> = [];
  const query = (name: string) => ({
    queryKey: [...key, name],
    queryFn: () => new Promise<string>((resolve) => resolvers.push(() => resolve(name))),
  });
  const host = controllerHost();
  const controller = new QueriesController(host, () => client, () => names.map(query));
  host.connect();
  await frame();
  await frame();
  equal(resolvers.length, names.length);
  const end = () => {
    host.disconnect();
    client.unmount();
  };
  return { host, controller, resolvers, end };
}

describe('QueriesController', () => {
  it('updates its host once for answers that arrive in the same frame', async () => {
    // Four answers, each in its own task (as network responses are), early in one frame. On a busy
    // machine a frame can still fall between two of them: such a try proves nothing and is run again.
    for (let attempt = 1; ; attempt++) {
      const { host, controller, resolvers, end } = await heldQueries(['frame-test', attempt], ['rooms', 'extras', 'july', 'august']);
      const before = host.updates;
      await frame();
      let framesBetween = 0;
      let counting = true;
      requestAnimationFrame(() => counting && framesBetween++);
      for (const resolve of resolvers) {
        resolve();
        await task();
      }
      counting = false;
      await frame();
      await frame();
      equal(controller.results.filter((r) => r.data).length, 4, 'every answer is in');
      const updates = host.updates - before;
      end();
      if (framesBetween === 0) {
        equal(updates, 1, 'one update for the four answers');
        return;
      }
      if (attempt === 5) throw new Error('a frame fell between the four answers in 5 tries: the machine is too busy to tell');
    }
  });

  it('updates its host as soon as the last answer is in, while earlier ones wait for the frame', async () => {
    // The last answer's update is done before the frame, which then only lays out and paints the
    // prices. A frame falling between the steps below proves nothing: such a try is run again.
    // query-core notifies from a 0 ms timer set when the answer resolves, after the first timer
    // here: the second runs after it (0 ms timers run in the order they were set).
    const timeout = () => new Promise((resolve) => setTimeout(resolve, 0));
    const settle = () => timeout().then(timeout);
    for (let attempt = 1; ; attempt++) {
      const { host, controller, resolvers, end } = await heldQueries(['now-test', attempt], ['rooms', 'july']);
      await frame();
      let framesBetween = 0;
      let counting = true;
      requestAnimationFrame(() => counting && framesBetween++);
      const before = host.updates;
      resolvers[0]!();
      await settle();
      const afterFirst = host.updates - before;
      resolvers[1]!();
      await settle();
      const afterLast = host.updates - before;
      counting = false;
      await frame();
      await frame();
      const afterFrames = host.updates - before;
      const answered = controller.results.filter((r) => r.data).length;
      end();
      if (framesBetween === 0) {
        equal(afterFirst, 0, 'the first answer waits for the frame');
        equal(afterLast, 1, 'the last answer updates at once, with the first');
        equal(afterFrames, 1, 'and the frame adds no second update');
        equal(answered, 2, 'both answers are in');
        return;
      }
      if (attempt === 5) throw new Error('a frame fell between the two answers in 5 tries: the machine is too busy to tell');
    }
  });

  it('neither updates nor subscribes again when an answer lands after its host left', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.mount();
    let resolve = () => {};
    const host = controllerHost();
    const controller = new QueriesController(host, () => client, () => [
      { queryKey: ['late'], queryFn: () => new Promise<string>((r) => (resolve = () => r('late'))) },
    ]);
    host.connect();
    await frame();
    // The answer is notified, then the host leaves before the frame that would update it.
    resolve();
    await task();
    host.disconnect();
    const before = host.updates;
    await frame();
    await frame();
    controller.hostUpdate();
    equal(host.updates, before, 'no update for a host that left');
    equal(client.getQueryCache().find({ queryKey: ['late'] })?.getObserversCount(), 0, 'nothing keeps the host alive');
    client.unmount();
  });
});
