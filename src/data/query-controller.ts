/**
 * A Lit reactive controller over query-core's QueriesObserver: subscribes on
 * connect, unsubscribes on disconnect (which aborts requests nobody needs), and
 * re-targets when the host's queries change. Old keys never write into the
 * host: the observer only reports the queries currently asked for.
 */
import { QueriesObserver, type QueryClient, type QueryObserverOptions, type QueryObserverResult } from '@tanstack/query-core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class QueriesController implements ReactiveController {
  results: QueryObserverResult[] = [];
  private observer: QueriesObserver | undefined;
  private unsubscribe: (() => void) | undefined;
  private hash = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => QueryClient,
    private readonly queries: () => QueryObserverOptions<any, any, any, any, any>[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
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
        this.host.requestUpdate();
      });
    } else {
      this.observer.setQueries(queries);
    }
    this.results = this.observer.getCurrentResult();
  }
}
