import { ROUTE_NAMES, type RouteName } from './faults.js';

/** Requests per Staymod route (OPTIONS excluded), so tests can count upstream calls. */
export class RequestStats {
  private counts = new Map<RouteName, number>();

  count(route: RouteName): void {
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
  }

  reset(): void {
    this.counts.clear();
  }

  snapshot(): Record<RouteName, number> {
    return Object.fromEntries(ROUTE_NAMES.map((r) => [r, this.counts.get(r) ?? 0])) as Record<RouteName, number>;
  }
}
