import type { SendOptions } from './http-request';
import type { HttpTarget } from './http-target';
import type { PartFile } from './part-file';
import type { Validator } from './response-metadata';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import type { SegmentPlan } from './segments';
import { defaultSlowRule, SlowWatch } from './slow-watch';
import type { TokenBucket } from './token-bucket';
import type { TransferOptions } from './transfer-types';

const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;
const DEFAULT_STALL_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTIONS = 4;
const MAX_CONNECTIONS = 16;

/** How a transfer's connections behave: the same in every pass. */
export interface ConnectionSettings {
  http: Pick<SendOptions, 'dispatcher' | 'headersTimeoutMs'>;
  /** Connections for one file when the server sends ranges and the file is big enough. */
  connections: number;
  /** No bytes for this long means a stalled connection, which is retried. */
  stallTimeoutMs: number;
  retry: RetryPolicy;
  onRetry: TransferOptions['onRetry'];
  network: TransferOptions['network'];
  onOffline: TransferOptions['onOffline'];
  /** The transfer's own limit first, then the ones it shares with other transfers. */
  limits: TokenBucket[];
  /** Whether the transfer's bodies, together, come too slowly; one for all its passes, which count stalls in a row. */
  slow: SlowWatch;
}

export function connectionSettings(options: TransferOptions, ownLimit: TokenBucket): ConnectionSettings {
  return {
    http: {
      dispatcher: options.dispatcher,
      headersTimeoutMs: options.spec.firstByteTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    },
    connections: Math.min(MAX_CONNECTIONS, Math.max(1, options.connections ?? DEFAULT_CONNECTIONS)),
    stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    retry: options.retry ?? defaultRetryPolicy,
    onRetry: options.onRetry,
    network: options.network,
    onOffline: options.onOffline && oncePerOutage(options.onOffline),
    limits: [ownLimit, ...(options.sharedLimits ?? [])],
    slow: new SlowWatch(options.slowRule ?? defaultSlowRule),
  };
}

/** Every connection of a transfer waits for the network on its own; the transfer is offline once, until all are back. */
function oncePerOutage(listener: (offline: boolean) => void): (offline: boolean) => void {
  let waiting = 0;
  return (offline) => {
    waiting += offline ? 1 : -1;
    if (waiting === (offline ? 1 : 0)) listener(offline);
  };
}

/** What the server has said about the file: where it is, how big, which version, whether it sends ranges. */
export interface RemoteFile {
  /** Where the first answer finally came from, after redirects: later requests go straight there. */
  target: HttpTarget;
  size: number | null;
  validator: Validator;
  /** Without ranges a broken connection cannot continue where it stopped. */
  rangesSupported: boolean;
}

/** The part on disk and the plan of what it still lacks. */
export interface WorkingFile {
  part: PartFile;
  plan: SegmentPlan;
}

/**
 * What one pass over the file hands its connections. It is made once the
 * first answer has said what the file is, so no connection has to ask whether
 * the part or the plan exist yet.
 */
export interface PassContext extends Readonly<WorkingFile> {
  /** Aborts when the transfer stops, or when one connection fails and its siblings must stop too. */
  readonly signal: AbortSignal;
  readonly connections: number;
  /** As the first answer described it: every range must come from that same file. */
  readonly remote: Readonly<RemoteFile>;
  readonly settings: ConnectionSettings;
  /** Bytes reached the part and wait for the next sync. */
  wrote(): void;
  /** A body of unknown length has ended: the file is this long. */
  ended(size: number): void;
}
