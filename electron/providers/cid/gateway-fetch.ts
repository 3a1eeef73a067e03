import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError, fromHttpStatus } from '../../engine/engine-error';
import { discard, header, host, sendFollowingRedirects } from '../../engine/http-request';
import { parseRetryAfter, type RetryPolicy } from '../../engine/retry-policy';
import { retrying } from '../../engine/retrying';
import type { FetchContext, FetchedContent, ProviderFetch } from '../provider';
import { type CidRef, cidPath } from './cid-ref';
import { asFetchError } from './fetch-errors';
import { gatewayUrl } from './gateways';
import { meteredBody } from './metered-body';
import { finishingAt, inStaging, placeContent } from './staging';
import type { Exported } from './unixfs-export';
import { VerifiedBlocks } from './verified-blocks';
import { WriterPace } from './writer-pace';

/** What Ferry asks a trustless gateway for: a CAR in depth-first order, duplicates included, the order it reads. */
const CAR_ACCEPT = 'application/vnd.ipld.car; version=1; order=dfs; dups=y';
const HEADERS_TIMEOUT_MS = 60_000;

/**
 * Verified retrieval: the content comes from IPFS trustless gateways as a CAR,
 * every block is checked against its CID, and the file or folder is rebuilt
 * from those blocks alone. Gateways are tried in order; one that fails or
 * sends altered data is left for the next. Nothing reaches the destination
 * unless all of the content checked out.
 */
export function gatewayFetch(ref: CidRef, gateways: readonly string[], policy: RetryPolicy): ProviderFetch {
  return { fetch: (context) => inStaging(context.staging, () => fromFirstGateway(ref, gateways, context, policy)) };
}

async function fromFirstGateway(
  ref: CidRef,
  gateways: readonly string[],
  context: FetchContext,
  policy: RetryPolicy,
): Promise<FetchedContent> {
  const failures: EngineError[] = [];
  for (const gateway of gateways) {
    let exported: Exported;
    try {
      exported = await retrying(() => attempt(ref, gateway, context), {
        policy,
        signal: context.signal,
        // Each attempt starts from nothing: a CAR cannot be continued.
        progress: () => 0,
        classify: asFetchError,
      });
    } catch (error) {
      if (context.signal.aborted) throw error;
      const failure = asFetchError(error);
      // Another gateway would meet the same disk.
      if (failure.code === 'disk' || failure.code === 'disk_full') throw failure;
      failures.push(failure);
      continue;
    }
    const path = await placeContent(exported.path, context.directory, exported.name, finishingAt(exported, context));
    return { path, size: exported.size, sha256: exported.sha256 };
  }
  throw allFailed(ref, failures);
}

/** One try at one gateway, in a folder of its own inside the staging folder, removed when it fails. */
async function attempt(ref: CidRef, gateway: string, context: FetchContext): Promise<Exported> {
  const folder = await mkdtemp(join(context.staging, 'try-'));
  try {
    const response = await sendFollowingRedirects(
      {
        method: 'GET',
        url: `${gatewayUrl(gateway, cidPath(ref, encodeURIComponent))}?format=car&dag-scope=all`,
        headers: { accept: CAR_ACCEPT },
      },
      { dispatcher: context.dispatcher, signal: context.signal, headersTimeoutMs: HEADERS_TIMEOUT_MS },
    );
    const from = host(response.target.url);
    if (response.status !== 200) {
      discard(response.body);
      throw fromHttpStatus(response.status, from, parseRetryAfter(header(response.headers, 'retry-after')));
    }
    const size = Number(header(response.headers, 'content-length')) || null;
    context.checksAgainstCid();
    const car = meteredBody(response.body, {
      host: from,
      signal: context.signal,
      throttle: context.throttle,
      received: (total) => context.progress(total, size),
    });
    try {
      // The UnixFS exporter is loaded on first use: every other command and download starts faster without it.
      const { exportContent } = await import('./unixfs-export');
      return await exportContent(ref, new VerifiedBlocks(car, from, new WriterPace()), folder, context.signal);
    } finally {
      // A CAR refused halfway is still arriving: close it rather than leave it on the connection.
      discard(response.body);
    }
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Altered data outweighs every other reason: the person must learn that a gateway lied. */
function allFailed(ref: CidRef, failures: EngineError[]): EngineError {
  const altered = failures.find((failure) => failure.code === 'verification');
  const reasons = failures.map((failure) => failure.message).join(' ');
  const what = cidPath(ref);
  if (altered)
    return new EngineError('verification', `Ferry could not fetch ${what} verified. ${reasons} Nothing was saved.`);
  const last = failures.at(-1);
  return new EngineError(
    last?.code ?? 'network',
    `Ferry could not fetch ${what} from any IPFS gateway. ${reasons} Nothing was saved; try again later, or name another gateway with --gateway.`,
    { status: last?.status },
  );
}
