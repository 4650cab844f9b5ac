/**
 * A Response's body bytes, when the code that built it still has them: the Node
 * adapter then writes them directly instead of reading the body stream back
 * (which costs more than the rest of a cached answer). Web runtimes ignore it.
 */
const known = new WeakMap<Response, Uint8Array>();

export function withKnownBody(response: Response, bytes: Uint8Array): Response {
  known.set(response, bytes);
  return response;
}

export function knownBody(response: Response): Uint8Array | undefined {
  return known.get(response);
}
