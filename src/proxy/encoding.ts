/**
 * Content negotiation for the proxy's JSON answers: which compression a client
 * accepts, and the answer's bytes prepared once per encoding (a cached answer
 * keeps its compressed bytes, so a cache hit does not compress again).
 * The compressor comes from the runtime: Node passes zlib (brotli and gzip);
 * on Workers none is passed, Cloudflare's edge compresses JSON itself.
 */
export type Encoding = 'br' | 'gzip';
/** Bytes a Response can carry on every runtime. */
export type Bytes = Uint8Array<ArrayBuffer>;
export type Compressor = (bytes: Bytes, encoding: Encoding) => Bytes;

/** Below this, compression saves less than a packet and costs CPU. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * The encoding to answer with: brotli when accepted, else gzip, else none.
 * Honours q-values (`br;q=0` refuses brotli) and `*`.
 */
export function pickEncoding(acceptEncoding: string | null): Encoding | null {
  if (!acceptEncoding) return null;
  const q: Record<string, number> = {};
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name === 'x-gzip' ? 'gzip' : name] = Number.isFinite(value) ? value : 0;
  }
  const accepts = (name: Encoding) => (q[name] ?? q['*'] ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

const encoder = new TextEncoder();

/** An answer's body as bytes, with its compressed forms made on first use and kept. */
export class PreparedBody {
  readonly bytes: Bytes;
  readonly #encoded: Partial<Record<Encoding, Bytes>> = {};

  constructor(text: string) {
    this.bytes = encoder.encode(text);
  }

  /** The bytes for `encoding` (null: identity), compressed once; identity when not worth it. */
  variant(encoding: Encoding | null, compress: Compressor | undefined): { bytes: Bytes; encoding: Encoding | null } {
    if (!encoding || !compress || this.bytes.byteLength < MIN_COMPRESS_BYTES) return { bytes: this.bytes, encoding: null };
    const bytes = (this.#encoded[encoding] ??= compress(this.bytes, encoding));
    return { bytes, encoding };
  }

  /** Bytes held, for bounding a cache of these. */
  get size(): number {
    return this.bytes.byteLength + (this.#encoded.br?.byteLength ?? 0) + (this.#encoded.gzip?.byteLength ?? 0);
  }
}

/**
 * Prepared bodies of cached answers, per cache key, kept while the state hands back
 * the same text (a new text, after a refresh or a booking, replaces the entry).
 * Bounded in bytes; the oldest entry goes first.
 */
export class PreparedCache<T> {
  readonly #entries = new Map<string, { text: string; value: T; body: PreparedBody; size: number }>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(key: string, text: string): { value: T; body: PreparedBody } | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.text === text ? entry : undefined;
  }

  set(key: string, text: string, value: T, body: PreparedBody): void {
    this.delete(key);
    // The text (UTF-16), the bytes and room for their compressed forms.
    const size = 2 * text.length + Math.ceil(1.3 * body.bytes.byteLength);
    if (size > this.#maxBytes) return;
    this.#entries.set(key, { text, value, body, size });
    this.#bytes += size;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.size;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
  }
}
