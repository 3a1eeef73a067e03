import { request } from 'undici';
import { FerryError } from '../../shared/errors';
import { redactText } from '../../shared/redact';

const TIMEOUT_MS = 30_000;

/** A small API call for providers (tests, listings): the answer's status, headers and text, or a clear network error. */
export async function callApi(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  try {
    const response = await request(url, {
      method: init.method ?? 'GET',
      body: init.body,
      // A body without a content type of its own is a form, as echo3D's are.
      headers: {
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
      signal: init.signal,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: response.statusCode, headers, text: await response.body.text() };
  } catch (error) {
    if (init.signal?.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new FerryError(
      'network',
      `Ferry could not reach ${new URL(url).host} (${redactText(reason)}). Check the network and the account's base URL, then try again.`,
      {
        cause: error,
      },
    );
  }
}
