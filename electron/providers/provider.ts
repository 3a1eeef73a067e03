import type { BrowseEntry, ProviderId } from '../../shared/accounts';
import type { Download } from '../../shared/downloads';
import type { DownloadSpec } from '../engine/download-spec';

/** The account a provider signs with: its fields with the secrets, fetched from the keychain just before use. */
export interface ProviderAccount {
  label: string;
  baseUrl: string | null;
  credentials: Record<string, string>;
}

/**
 * A platform Ferry downloads from (DESIGN.md section 4). A provider turns the
 * text form of what to download into what the engine needs, signing it with
 * an account where the platform asks for one.
 */
export interface Provider {
  id: ProviderId | 'http';
  /** True when this provider understands the ref. */
  recognizes(ref: string): boolean;
  /** A person-readable problem with a ref it recognizes, or null when it is well formed. */
  refProblem(ref: string): string | null;
  needsAccount: boolean;
  resolve(ref: string, account: ProviderAccount | null): DownloadSpec;
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
 * Runs on a complete file; resolves to where the result is, or null when
 * there was nothing to do (the file was not an archive). It may run again
 * from the start after a crash, so it must clean up after an earlier attempt.
 */
export type PostProcessStep = (file: string, signal: AbortSignal) => Promise<string | null>;

export interface ExpandedRef {
  ref: string;
  /** A folder below the destination that keeps the files of one entry together. */
  folder: string;
}
