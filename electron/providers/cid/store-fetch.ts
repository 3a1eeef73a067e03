import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultUnpackLimits, type UnpackLimits } from '../../archives/unpack-limits';
import { filenameFromContentDisposition } from '../../engine/content-disposition';
import { EngineError, fromHttpStatus } from '../../engine/engine-error';
import { discard, type HttpResponse, header, host, sendFollowingRedirects } from '../../engine/http-request';
import { parseRetryAfter, type RetryPolicy } from '../../engine/retry-policy';
import { retrying } from '../../engine/retrying';
import { accountThrottle } from '../account-throttle';
import { readCapped } from '../capped-body';
import type { FetchContext, FetchedContent, ProviderFetch } from '../provider';
import { excerpt } from '../provider-http';
import { type CidRef, cidPath } from './cid-ref';
import { asFetchError, fetchFailure } from './fetch-errors';
import { finishingAt, inStaging, placeContent } from './staging';
import { contentOf, receive, type StoreContent } from './store-answer';
import { credentialsRefused, type StoreSession, type StoreSignIn } from './store-sign-in';

const HEADERS_TIMEOUT_MS = 60_000;
/** An error answer is a line of JSON; more is not read. */
const ERROR_ANSWER_LIMIT = 64 * 1024;

/**
 * The CID store's `POST {endpoint}/api/v1/get?arg=<CID>[/path]`, signed with
 * a Bearer token. Its answer cannot be resumed, so an answer that breaks off
 * (a dropped connection, a cut TAR, an error trailer) is fetched again from
 * the start, and nothing reaches the destination until one came whole. A 429
 * is waited out as its Retry-After asks.
 */
export function storeFetch(
  ref: CidRef,
  signIn: StoreSignIn,
  policy: RetryPolicy,
  limits: () => UnpackLimits = () => defaultUnpackLimits,
): ProviderFetch {
  return {
    fetch: (context) =>
      inStaging(context.staging, async (): Promise<FetchedContent> => {
        const content = await retrying(() => attempt(ref, signIn, context, limits()), {
          policy,
          signal: context.signal,
          // Every attempt starts from zero, so each failure counts.
          progress: () => 0,
          classify: asFetchError,
          // A 429 rations the account, as it does in a transfer: its next downloads and API calls wait as long.
          onRetry: (error, delayMs) => {
            if (error.status === 429) accountThrottle.holdUntil(signIn.accountKey, Date.now() + delayMs);
          },
        }).catch((error: unknown) => {
          throw fetchFailure(error);
        });
        const path = await placeContent(content.path, context.directory, content.name, finishingAt(content, context));
        return { path, size: content.size, sha256: content.sha256 };
      }),
  };
}

async function attempt(
  ref: CidRef,
  signIn: StoreSignIn,
  context: FetchContext,
  limits: UnpackLimits,
): Promise<StoreContent> {
  const folder = await mkdtemp(join(context.staging, 'try-'));
  try {
    let response = await post(ref, await signIn.current(context.signal), context);
    if (response.status === 401 && signIn.renewable) {
      // The kept token expired: sign in again, once.
      discard(response.body);
      response = await post(ref, await signIn.renew(context.signal), context);
    }
    if (response.status === 401 || response.status === 403) {
      // Refused after signing in again, or a token that cannot be renewed: the account's credentials.
      discard(response.body);
      throw credentialsRefused(signIn.label, response.status);
    }
    if (response.status !== 200) throw await refusal(response, ref);
    const answer = await receive(response, join(folder, 'answer.part'), context);
    const given = filenameFromContentDisposition(header(response.headers, 'content-disposition'));
    return await contentOf(answer, ref, given, context.signal, limits);
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

function post(ref: CidRef, session: StoreSession, context: FetchContext): Promise<HttpResponse> {
  const url = `${session.endpoint.replace(/\/+$/, '')}/api/v1/get?${new URLSearchParams({ arg: cidPath(ref) })}`;
  return sendFollowingRedirects(
    { method: 'POST', url, headers: { authorization: `Bearer ${session.token}` } },
    { dispatcher: context.dispatcher, signal: context.signal, headersTimeoutMs: HEADERS_TIMEOUT_MS },
  );
}

/** A failed answer in words: the store's own error (`{error}` or Kubo's `{Message}`) when it gives one. */
async function refusal(response: HttpResponse, ref: CidRef): Promise<EngineError> {
  const { status } = response;
  const text = await readCapped(response.body, ERROR_ANSWER_LIMIT, () => new Error('too long')).then(
    (body) => body.toString('utf8'),
    () => '',
  );
  const said = storeError(text);
  if (status === 500 && said) {
    return new EngineError('http_5xx', `The CID store could not send ${cidPath(ref)}: "${excerpt(said)}".`, {
      status,
    });
  }
  const plain = fromHttpStatus(
    status,
    host(response.target.url),
    parseRetryAfter(header(response.headers, 'retry-after')),
  );
  if (!said) return plain;
  return new EngineError(plain.code, `${plain.message} It said: "${excerpt(said)}".`, {
    status,
    retryable: plain.retryable,
    retryAfterMs: plain.retryAfterMs,
  });
}

function storeError(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; Message?: unknown; message?: unknown };
    const said = parsed.error ?? parsed.Message ?? parsed.message;
    return typeof said === 'string' ? said : undefined;
  } catch {
    return text.trim() || undefined;
  }
}
