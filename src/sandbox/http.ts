/** Staymod's CORS headers (on every answer, errors included) and JSON answers. */

export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  return {
    'access-control-allow-origin': origin || '*',
    // Staymod adds Vary only when it echoed an Origin: a shared cache can mix the two answers.
    ...(origin ? { vary: 'Origin' } : {}),
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'Authorization, Content-Type',
    'access-control-max-age': '86400',
  };
}

export function json(request: Request, status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders(request), 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function errorJson(request: Request, status: number, message: string, headers: Record<string, string> = {}): Response {
  return json(request, status, { error: message }, headers);
}

export function preflight(request: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(request) });
}

/** The JSON body, or an error message for a missing or broken one. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: false, error: 'Could not read the request body.' };
  }
  if (!text.trim()) return { ok: false, error: 'Request body must be JSON; it is empty.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: 'Request body is not valid JSON.' };
  }
}

/** Staymod's `await req.json()`: a broken or empty body fails with the SyntaxError's own text. */
export async function readRawJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  let text: string;
  try {
    text = await request.text();
  } catch {
    return { ok: false, error: 'Could not read the request body.' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
