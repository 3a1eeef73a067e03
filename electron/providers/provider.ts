import type { Dispatcher } from 'undici';
import type { BrowseEntry } from '../../shared/accounts';
import type { Download } from '../../shared/downloads';
import type { PlatformId } from '../../shared/platforms';
import type { RefDescription } from '../../shared/ref-preview';
import type { UnpackLimits } from '../archives/unpack-limits';
import type { DownloadSpec } from '../engine/download-spec';
import type { FinishingFile } from '../engine/transfer-types';

/** The account a provider signs with: its fields with the secrets, fetched from the keychain just before use. */
export interface ProviderAccount {
  label: string;
  baseUrl: string | null;
  credentials: Record<string, string>;
  /** Tokens the platform handed out (a login's access and refresh tokens), kept in the keychain. */
  session: ProviderSession;
}

/**
 * What a platform hands out after a sign-in (Delos's access and refresh
 * tokens): secrets, which the accounts keep in the keychain for the provider.
 */
export interface ProviderSession {
  get(name: string): string | null;
  /** null forgets the value. */
  set(name: string, value: string | null): void;
}

/** What a provider is handed while it turns a ref into a spec. */
export interface ResolveContext {
  /** The account that signs the download; null for platforms that need none. */
  account: ProviderAccount | null;
  /** Ends the work at once when the person pauses or cancels the download, or Ferry stops. */
  signal: AbortSignal;
  /** Says why the download waits (a batch job's status, a locked file): it shows as waiting, with this reason. */
  waiting(reason: string): void;
}

/**
 * A platform Ferry downloads from (DESIGN.md section 4). A provider turns the
 * text form of what to download into what the engine needs, signing it with
 * an account where the platform asks for one. What people read of a platform
 * (its name, account fields, ref forms) is its descriptor in `shared/platforms/`.
 */
export interface Provider {
  id: PlatformId;
  /** True when this provider understands the ref. */
  recognizes(ref: string): boolean;
  /** A person-readable problem with a ref it recognizes, or null when it is well formed. */
  refProblem(ref: string): string | null;
  /** What a well-formed ref stands for, read from its text alone (the add dialog's preview); a file when absent. */
  describe?(ref: string): RefDescription;
  /**
   * What the engine fetches for the ref. It may call the platform first (a
   * POST for a signed link, a login, a batch job to wait for): meanwhile the
   * download is `resolving`, or `waiting` once the provider says why.
   */
  resolve(ref: string, context: ResolveContext): Promise<Resolution>;
  /**
   * A fresh spec after the link or token expired mid-download (401, 403, 410);
   * the engine then resumes from the bytes it has. Resolving again when absent.
   */
  refresh?(ref: string, context: ResolveContext): Promise<DownloadSpec>;
  /** The platform's meaning of an HTTP failure, when it says more than the status alone. */
  explainStatus?(status: number, accountLabel: string | null): string | undefined;
  /** Checks the account against the platform; resolves to a sentence saying what works. */
  test?(account: ProviderAccount): Promise<string>;
  /**
   * A ref that stands for several files (an echo3D entry with its textures)
   * becomes one ref a file, with the folder that keeps them together; null
   * when the ref is one file already. The account is asked for only when needed.
   */
  expand?(ref: string, account: () => ProviderAccount): Promise<ExpandedRef[] | null>;
  /** What the account holds, for a picker. */
  browse?(account: ProviderAccount): Promise<BrowseEntry[]>;
  /**
   * Work to do on the finished file before the download counts as done, such
   * as unpacking an archive; null when there is none for this download.
   */
  postProcess?(download: Download): PostProcessStep | null;
}

/**
 * Runs on a complete file; resolves to what it made, or null when there was
 * nothing to do (the file was not an archive). It may run again from the
 * start after a crash, so it must clean up after an earlier attempt. An
 * unpack stays within `options.limits`, the settings' at the time it starts (their
 * defaults without).
 */
export type PostProcessStep = (
  file: string,
  signal: AbortSignal,
  options?: PostProcessOptions,
) => Promise<PostProcessed | null>;

export interface PostProcessOptions {
  limits?: UnpackLimits;
  /** Hears where the result goes just before it moves there, and the move waits for it to be recorded. */
  placing?: (to: string) => void;
}

export interface PostProcessed {
  /** Where the result is; the file itself when the step rewrote it in place (decoded it), so its size and hash are read again. */
  path: string;
  /**
   * The complete file, when the result replaces it (a batch's ZIP once its
   * assets are in place). It is deleted only once the result is recorded: a
   * crash before then runs the step again, which needs it.
   */
  discardSource?: boolean;
}

/**
 * What a ref resolves to: a spec the engine fetches as one HTTP file, or,
 * for content that is not one (a CID's blocks to verify and reassemble), a
 * fetch the provider runs itself.
 */
export type Resolution = DownloadSpec | ProviderFetch;

export interface ProviderFetch {
  /**
   * Puts the content in `context.directory` under a name nothing else holds,
   * resolving to where it is. It works in the staging folder and leaves nothing
   * behind when it fails or `context.signal` aborts: such a fetch is never
   * resumed, a new attempt starts over.
   */
  fetch(context: FetchContext): Promise<FetchedContent>;
}

export interface FetchContext {
  directory: string;
  /**
   * A hidden folder inside `directory` for the work in progress, the same for
   * every attempt at this download, so an attempt first clears what a crash left.
   */
  staging: string;
  signal: AbortSignal;
  /** The engine's connections: a body cut by a reset fails there, where a plain request would end it quietly. */
  dispatcher: Dispatcher;
  /** Bytes received so far, and the total when known. */
  progress(received: number, size: number | null): void;
  /** Says that every block is checked against the content's CID as it arrives (IPFS gateways): the row says so. */
  checksAgainstCid(): void;
  /** Waits as the speed limits (global, queue, download) ask before `bytes` more are read. */
  throttle(bytes: number): Promise<void>;
  /**
   * Records where a complete file goes, with its size and sha256, just before it moves
   * there: a done mark lost to a crash after the move is then recognised on the next
   * start (as a transfer's is) instead of fetching a second copy beside it.
   */
  finishing(file: FinishingFile): Promise<void>;
}

export interface FetchedContent {
  /** A file, or a folder. */
  path: string;
  /** Bytes, the files inside when it is a folder. */
  size: number;
  /** Of a file, when the fetch hashed it on the way (else Ferry reads the file back); null for a folder. */
  sha256?: string | null;
}

export interface ExpandedRef {
  ref: string;
  /** A folder below the destination that keeps the files of one entry together. */
  folder: string;
  /** Whether to unpack it when the person did not say (a Scenario batch's ZIP); the settings decide when absent. */
  unpack?: boolean;
}
