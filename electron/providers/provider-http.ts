import { request } from 'undici';
import { FerryError } from '../../shared/errors';
import { redactText } from '../../shared/redact';

const TIMEOUT_MS = 30_000;

/** A small API call for providers (tests, listings): the answer's status and text, or a clear network error. */
export async function callApi(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: string } = {},
): Promise<{ status: number; text: string }> {
  try {
    const response = await request(url, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    return { status: response.statusCode, text: await response.body.text() };
  } catch (error) {
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
