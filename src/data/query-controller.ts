/**
 * A Lit reactive controller over query-core's QueriesObserver: subscribes on
 * connect, unsubscribes on disconnect (which aborts requests nobody needs), and
 * re-targets when the host's queries change. Old keys never write into the
 * host: the observer only reports the queries currently asked for.
 *
 * The client may still be on its way (query-core is a lazy file in the script
 * build): until it comes the results are empty, and if it cannot come every
 * query reports that error, for the host's "Try again" (`refetch`).
 */
import type { QueriesObserver, QueryClient, QueryObserverOptions, QueryObserverResult } from '@tanstack/query-core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dataFileNow } from '../client/data-door.js';
import { browserOffline } from './queries.js';

/**
 * Runs `callback` once at the next frame however often it is asked before then: answers that
 * land in one frame (rooms, extras, the months) make one update of the host, not one each.
 * Asked with `now` (nothing more is on its way), it runs at once, taking along what waited for
 * the frame: the update is then done before the frame comes, which only lays it out and paints.
 * A hidden tab gets no frames, so a timeout stands in. Local to this controller rather than
 * query-core's notifyManager.setScheduler: that one is global, and a host page's own TanStack
 * Query may share the module.
 */
export function frameBatcher(callback: () => void, fallbackMs = 100): (now?: boolean) => void {
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (!pending) return;
    pending = false;
    clearTimeout(timer);
    callback();
  };
  return (now = false) => {
    if (now) {
      if (pending) run();
      else callback();
      return;
    }
    if (pending) return;
    pending = true;
    timer = setTimeout(run, typeof requestAnimationFrame === 'function' ? fallbackMs : 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  };
}

type Queries = QueryObserverOptions<any, any, any, any, any>[];

/** A result before query-core is in, shaped as its own, so the host shows its usual notices. */
function placeholder(status: 'pending' | 'error', fetchStatus: 'paused' | 'idle', error: unknown = null): QueryObserverResult {
  return { status, fetchStatus, error, data: undefined, isError: status === 'error', isPending: status === 'pending', isPaused: fetchStatus === 'paused' } as unknown as QueryObserverResult;
}

export class QueriesController implements ReactiveController {
  results: QueryObserverResult[] = [];
  #observer: QueriesObserver | undefined;
  #unsubscribe: (() => void) | undefined;
  #hash = '';
  #connected = false;
  /** The client is being loaded: one wait at a time. */
  #waiting = false;
  /** Why the client could not be loaded, until the host asks again. */
  #failure: unknown;
  // A frame may come after the host left the page: an update then would subscribe again, for good.
  readonly #updateAtFrame = frameBatcher(() => this.#connected && this.#host.requestUpdate());

  readonly #host: ReactiveControllerHost;
  readonly #client: (queries: Queries) => QueryClient | Promise<QueryClient>;
  readonly #queries: () => Queries;

  constructor(
    host: ReactiveControllerHost,
    /** The client, or a promise of it; given the queries so that it may start them meanwhile. */
    client: (queries: Queries) => QueryClient | Promise<QueryClient>,
    queries: () => Queries,
  ) {
    this.#host = host;
    this.#client = client;
    this.#queries = queries;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdate(): void {
    if (this.#connected) this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#observer?.destroy();
    this.#unsubscribe = undefined;
    this.#observer = undefined;
    this.#hash = '';
  }

  /** Forces the current queries to fetch again (after a failure, or a sold-out answer). */
  refetch(): Promise<unknown> {
    if (this.#failure !== undefined) {
      this.#failure = undefined;
      this.#sync();
      this.#host.requestUpdate();
      return Promise.resolve();
    }
    return Promise.all(this.#observerResults().map((r) => r.refetch()));
  }

  #observerResults(): QueryObserverResult[] {
    return this.#observer?.getCurrentResult() ?? [];
  }

  #sync(): void {
    if (this.#failure !== undefined) return;
    const queries = this.#queries();
    const hash = JSON.stringify(queries.map((q) => q.queryKey));
    if (this.#observer && hash === this.#hash) return;
    if (!this.#observer) {
      const client = this.#client(queries);
      if (client instanceof Promise) {
        // Offline, the file cannot come yet: the queries are paused, as query-core reports them itself.
        if (browserOffline()) this.results = queries.map(() => placeholder('pending', 'paused'));
        return this.#wait(client);
      }
      this.#hash = hash;
      const Observer = dataFileNow()?.QueriesObserver;
      if (!Observer) throw new Error('query-core is not loaded');
      this.#observer = new Observer(client, queries);
      this.#unsubscribe = this.#observer.subscribe((results) => {
        this.results = results;
        // The last answer of a wave updates at once; earlier ones wait for the frame (or for it).
        this.#updateAtFrame(results.every((r) => r.fetchStatus === 'idle'));
      });
    } else {
      this.#hash = hash;
      this.#observer.setQueries(queries);
    }
    this.results = this.#observer.getCurrentResult();
  }

  #wait(client: Promise<QueryClient>): void {
    if (this.#waiting) return;
    this.#waiting = true;
    client.then(
      () => {
        this.#waiting = false;
        if (!this.#connected) return;
        this.#sync();
        this.#updateAtFrame();
      },
      (error: unknown) => {
        this.#waiting = false;
        this.#failure = error;
        // Shaped as query-core's own error results, so the host shows its usual failure and retry.
        this.results = this.#queries().map(() => placeholder('error', 'idle', error));
        if (this.#connected) this.#updateAtFrame();
      },
    );
  }
}
