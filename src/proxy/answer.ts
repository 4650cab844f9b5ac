/**
 * What the proxy answers, before CORS and security headers are added: a status,
 * a JSON text and extra headers. Kept as text so a cached answer is replayed
 * byte for byte.
 */
export interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export function answer(status: number, body: unknown, headers?: Record<string, string>): Answer {
  const out: Answer = { status, body: JSON.stringify(body) };
  if (headers) out.headers = headers;
  return out;
}

/** `{ error, fields? }`, the one error shape of the proxy (Staymod's, plus field details). */
export function errorAnswer(
  status: number,
  error: string,
  fields?: Record<string, string>,
  headers?: Record<string, string>,
): Answer {
  return answer(status, fields && Object.keys(fields).length ? { error, fields } : { error }, headers);
}
