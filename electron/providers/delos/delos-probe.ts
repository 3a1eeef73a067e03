import type { Readable } from 'node:stream';
import { request } from 'undici';
import { parseRetryAfter } from '../../engine/retry-policy';
import { classifyRefusal, type DelosRefusal, delosSaid } from './delos-api';
import type { Unauthorized } from './delos-tokens';

/** Enough for any `{error}` answer and for the head of a JSON envelope; never a whole file. */
const PEEK_BYTES = 64 * 1024;
const PROBE_TIMEOUT_MS = 30_000;

/**
 * What asking for the file's first byte tells: it can be fetched (perhaps as a
 * JSON envelope, with the type of the file inside), or Delos refused it.
 */
export type ProbeVerdict =
  | { kind: 'ready'; envelope?: { contentType: string | null } }
  /** Delos asked Ferry to slow down (429), for as long as Retry-After says when it says. */
  | { kind: 'limited'; retryAfterMs: number | undefined }
  | { kind: 'refused'; refusal: Exclude<DelosRefusal, 'unauthorized'>; status: number; said: string };

/**
 * GET the file with `Range: bytes=0-0`. Delos answers its errors (locked, not
 * found, denied, unauthorized) as JSON before any byte of the file, so one
 * byte's request tells them apart before the engine starts; the engine then
 * fetches the file itself, with its retries, resume and progress. Answers
 * the engine handles better (redirects, 5xx, a network failure) count as ready.
 */
export async function probeFile(url: string, token: string, signal: AbortSignal): Promise<ProbeVerdict | Unauthorized> {
  let answer: Peeked;
  try {
    answer = await peek(url, token, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'ready' };
  }
  const { status, contentType, head } = answer;
  if (status === 429) return { kind: 'limited', retryAfterMs: parseRetryAfter(answer.retryAfter) };
  if ((status >= 300 && status < 400) || status >= 500) return { kind: 'ready' };
  const json = /[/+]json\b/i.test(contentType);
  if (status >= 200 && status < 300) {
    // 206 is the file's first byte; only a whole 200 answer can be JSON in place of the file.
    if (status !== 200 || !json || !/^\s*\{/.test(head)) return { kind: 'ready' };
    if (isEnvelopeHead(head)) return { kind: 'ready', envelope: { contentType: envelopeType(head) } };
    if (!/"error"\s*:/.test(head)) return { kind: 'ready' };
  }
  const said = delosSaid(head);
  const refusal = classifyRefusal(status, said);
  if (refusal === 'unauthorized') return { unauthorized: said };
  return { kind: 'refused', refusal, status, said };
}

/** `{contentType, data}` (seeds/delos-download-file.md, "Alternative JSON Response Format"), by its first key. */
export function isEnvelopeHead(head: string): boolean {
  return /^\s*\{\s*"(contentType|data|extensions)"\s*:/.test(head);
}

function envelopeType(head: string): string | null {
  return /"contentType"\s*:\s*"([^"\\]{1,200})"/.exec(head)?.[1] ?? null;
}

/** What the one-byte request answered: enough to tell a refusal from the file. */
interface Peeked {
  status: number;
  contentType: string;
  head: string;
  retryAfter?: string;
}

async function peek(url: string, token: string, signal: AbortSignal): Promise<Peeked> {
  const response = await request(url, {
    method: 'GET',
    headers: { accept: '*/*', authorization: token, range: 'bytes=0-0' },
    headersTimeout: PROBE_TIMEOUT_MS,
    bodyTimeout: PROBE_TIMEOUT_MS,
    signal,
  });
  const type = response.headers['content-type'];
  const retryAfter = response.headers['retry-after'];
  const head = await readHead(response.body);
  return {
    status: response.statusCode,
    contentType: String(type ?? ''),
    head: head.toString('utf8'),
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
  };
}

/** The first bytes of the body; the rest is left unread and the connection closed, in case Range was ignored. */
async function readHead(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= PEEK_BYTES) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, PEEK_BYTES);
}
