/**
 * A Lit reactive controller over query-core's QueriesObserver: subscribes on
 * connect, unsubscribes on disconnect (which aborts requests nobody needs), and
 * re-targets when the host's queries change. Old keys never write into the
 * host: the observer only reports the queries currently asked for.
 */
import { QueriesObserver, type QueryClient, type QueryObserverOptions, type QueryObserverResult } from '@tanstack/query-core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs `callback` once at the next frame however often it is asked before then: answers that
 * land in one frame (rooms, extras, the months) make one update of the host, not one each.
 * A hidden tab gets no frames, so a timeout stands in. Local to this controller rather than
 * query-core's notifyManager.setScheduler: that one is global, and a host page's own TanStack
 * Query may share the module.
 */
export function frameBatcher(callback: () => void, fallbackMs = 100): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      if (!pending) return;
      pending = false;
      clearTimeout(timer);
      callback();
    };
    timer = setTimeout(run, typeof requestAnimationFrame === 'function' ? fallbackMs : 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  };
}

export class QueriesController implements ReactiveController {
  results: QueryObserverResult[] = [];
  private observer: QueriesObserver | undefined;
  private unsubscribe: (() => void) | undefined;
  private hash = '';
  private connected = false;
  // A frame may come after the host left the page: an update then would subscribe again, for good.
  private readonly updateAtFrame = frameBatcher(() => this.connected && this.host.requestUpdate());

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => QueryClient,
    private readonly queries: () => QueryObserverOptions<any, any, any, any, any>[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    if (this.connected) this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.observer?.destroy();
    this.unsubscribe = undefined;
    this.observer = undefined;
    this.hash = '';
  }

  /** Forces the current queries to fetch again (after a failure, or a sold-out answer). */
  refetch(): Promise<unknown> {
    return Promise.all(this.observerResults().map((r) => r.refetch()));
  }

  private observerResults(): QueryObserverResult[] {
    return this.observer?.getCurrentResult() ?? [];
  }

  private sync(): void {
    const queries = this.queries();
    const hash = JSON.stringify(queries.map((q) => q.queryKey));
    if (this.observer && hash === this.hash) return;
    this.hash = hash;
    if (!this.observer) {
      this.observer = new QueriesObserver(this.client(), queries);
      this.unsubscribe = this.observer.subscribe((results) => {
        this.results = results;
        this.updateAtFrame();
      });
    } else {
      this.observer.setQueries(queries);
    }
    this.results = this.observer.getCurrentResult();
  }
}
