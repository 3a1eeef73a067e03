import { EngineError, fromNetworkError } from './engine-error';
import { discard, type HttpResponse, header, host, sendFollowingRedirects } from './http-request';
import type { PassContext } from './pass-context';
import { ifRangeHeader, parseContentRange, statusError, validatorChanged } from './response-metadata';
import { RestartFromZero } from './restart-from-zero';
import { retrying } from './retrying';
import { pumpSegment } from './segment-pump';
import type { Segment } from './segments';

type Body = HttpResponse['body'];

/** The first connection starts on the body of the pass's first answer. */
export interface OpenedSegment {
  segment: Segment;
  body: Body;
}

/**
 * Runs every connection of a pass. The first failure stops the others (through
 * `stopPass`) and is the one thrown, once all have settled, so nothing writes
 * to the part while the transfer decides what comes next.
 */
export async function runConnections(pass: PassContext, first: OpenedSegment, stopPass: () => void): Promise<void> {
  const workers = [runWorker(pass, 0, first)];
  for (let id = 1; id < pass.connections; id++) workers.push(runWorker(pass, id));
  let failed = false;
  let firstFailure: unknown;
  const stopSiblings = (error: unknown) => {
    if (!failed) firstFailure = error;
    failed = true;
    stopPass();
  };
  await Promise.all(workers.map((work) => work.catch(stopSiblings)));
  if (failed) throw firstFailure;
}

/** One connection of a pass: fetches segments until there is none left to claim or steal. */
async function runWorker(pass: PassContext, id: number, opened?: OpenedSegment): Promise<void> {
  let current = opened?.segment ?? pass.plan.claim(id);
  let body = opened?.body;
  while (current) {
    await fetchSegment(pass, current, body);
    pass.plan.release(current);
    body = undefined;
    current = pass.plan.claim(id);
  }
}

/** Fetches one segment to its end, retrying from the last byte written. */
async function fetchSegment(pass: PassContext, segment: Segment, body?: Body): Promise<void> {
  let opened = body;
  await retrying(
    async () => {
      const stream = opened ?? (await openRange(pass, segment));
      opened = undefined;
      await pumpSegment(pass, stream, segment);
      if (!Number.isFinite(segment.end)) {
        // A body of unknown size that ended without an error ended cleanly: a chunked body with its last
        // chunk, or a close-delimited one with a FIN. A FIN cannot be told from a complete body at the HTTP
        // level (curl takes it as complete too); a reset or a missing last chunk fails the body instead.
        segment.end = segment.pos;
        pass.ended(segment.pos);
      } else if (segment.pos < segment.end) {
        throw new EngineError('network', `${host(pass.remote.target.url)} closed the connection early.`, {
          retryable: true,
        });
      }
    },
    {
      policy: pass.settings.retry,
      signal: pass.signal,
      progress: () => segment.pos,
      classify: (error) => classify(pass, error),
      onRetry: pass.settings.onRetry,
      network: pass.settings.network,
      onOffline: pass.settings.onOffline,
    },
  );
}

/**
 * Without ranges nothing can continue where a broken connection stopped (a
 * request from byte 0 is answered with the whole file anyway), so it starts
 * the file over.
 */
function classify(pass: PassContext, raw: unknown): EngineError {
  const error = fromNetworkError(raw, host(pass.remote.target.url));
  return error.retryable && !pass.remote.rangesSupported ? new RestartFromZero(error) : error;
}

/** Asks for the rest of a segment; any answer from another version of the file restarts the transfer. */
async function openRange(pass: PassContext, segment: Segment): Promise<Body> {
  const last = Number.isFinite(segment.end) ? String(segment.end - 1) : '';
  const extraHeaders = { range: `bytes=${segment.pos}-${last}`, ...ifRangeHeader(pass.remote.validator) };
  const response = await sendFollowingRedirects(pass.remote.target, {
    ...pass.settings.http,
    signal: pass.signal,
    extraHeaders,
  });
  if (response.status === 206) {
    const range = parseContentRange(header(response.headers, 'content-range'));
    const sameFile = range?.size === pass.remote.size && !validatorChanged(pass.remote.validator, response.headers);
    if (range?.start === segment.pos && sameFile) return response.body;
  }
  discard(response.body);
  if (response.status === 200 || response.status === 206 || response.status === 416) throw new RestartFromZero();
  throw statusError(response);
}
