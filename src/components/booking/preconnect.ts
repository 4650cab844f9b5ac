/**
 * Opens the connections to the API origins of the <staymod-booking> elements already
 * in the page while the script is still being evaluated: DNS, TCP and TLS (and, across
 * origins, the preflight's connection) are then done by the time the first request goes.
 */
import { DEFAULT_API_BASE } from '../../client/client.js';

export function preconnectApis(doc: Document = document): void {
  const head = doc.head;
  if (!head) return;
  const known = new Set([...head.querySelectorAll<HTMLLinkElement>('link[rel~="preconnect"]')].map((link) => link.href.replace(/\/$/, '')));
  for (const el of doc.querySelectorAll('staymod-booking')) {
    let origin: string;
    try {
      origin = new URL(el.getAttribute('proxy-url') || el.getAttribute('api-base') || DEFAULT_API_BASE, doc.baseURI).origin;
    } catch {
      continue;
    }
    // The page's own origin is connected already.
    if (origin === 'null' || origin === location.origin || known.has(origin)) continue;
    known.add(origin);
    const link = doc.createElement('link');
    link.rel = 'preconnect';
    link.href = origin;
    // The widget fetches without credentials: only an anonymous connection is reused.
    link.crossOrigin = 'anonymous';
    head.append(link);
  }
}
