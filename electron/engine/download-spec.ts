/** What the engine needs to fetch one file; providers turn refs into these. */
export interface DownloadSpec {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Used when the server sends no Content-Disposition name. */
  suggestedName?: string;
  expectedSize?: number;
  /** Lower-case hex; the finished file must match it. */
  sha256?: string;
  /** How long the server may take to send headers (echo3D conversions take minutes). */
  firstByteTimeoutMs?: number;
  /** What that long wait is, as the row shows it meanwhile: "converting to GLB". */
  waitingFor?: string;
}
