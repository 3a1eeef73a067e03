import { CID } from 'multiformats/cid';
import { unknownParameterProblem } from '../ref-parameters';

/** What a CID ref names: content by its CID, and maybe a path inside it. */
export interface CidRef {
  cid: CID;
  /** Segments below the CID (`ipfs://<cid>/photos/cat.png`), decoded; empty for the CID itself. */
  path: string[];
  /** A gateway link's `?filename=`, which browsers use to name the file. */
  filename?: string;
}

/** Bare CIDs as people paste them: CIDv0 (`Qm…`, base58btc) or CIDv1 in base32 (`b…`). */
const BARE_CID = /^(Qm[1-9A-HJ-NP-Za-km-z]{20,}|b[a-z2-7]{20,})$/;
/** What a CID in a link looks like, also base58btc (`z…`) and base36 (`k…`) CIDv1: valid or not, it is meant as one. */
const CID_LIKE = /^(Qm[1-9A-HJ-NP-Za-km-z]{20,}|[bkz][0-9a-zA-Z]{20,})$/;
/** A gateway's subdomain form: `https://<cid>.ipfs.dweb.link/path`. */
const SUBDOMAIN = /^([a-z0-9]+)\.ipfs\./;

/**
 * `cid:` and `ipfs://` refs, bare CIDs, and http(s) links to a gateway's
 * `/ipfs/<cid>` or `<cid>.ipfs.` host; a link whose `/ipfs/` part is no CID at
 * all (a page about IPFS) is left to direct links.
 */
export function recognizesCidRef(ref: string): boolean {
  const text = ref.trim();
  if (/^(cid:|ipfs:\/\/)/i.test(text) || BARE_CID.test(text.split('/')[0] ?? '')) return true;
  const url = httpUrl(text);
  if (!url) return false;
  const inPath = url.pathname.startsWith('/ipfs/') ? (url.pathname.split('/')[2] ?? '') : '';
  return CID_LIKE.test(inPath) || CID_LIKE.test(SUBDOMAIN.exec(url.hostname)?.[1] ?? '');
}

/** The ref's CID and path, or what is wrong with it in words. */
export function parseCidRef(ref: string): CidRef | string {
  const text = ref.trim();
  const url = /^(cid:|ipfs:\/\/)/i.test(text) ? null : httpUrl(text);
  if (!url) return fromCidRef(text, ref);
  const filename = url.searchParams.get('filename') ?? undefined;
  const inPath = url.pathname.startsWith('/ipfs/') ? url.pathname.slice('/ipfs/'.length) : '';
  const cidAndPath = CID_LIKE.test(inPath.split('/')[0] ?? '')
    ? inPath
    : `${SUBDOMAIN.exec(url.hostname)?.[1] ?? ''}${url.pathname}`;
  const parsed = fromCidAndPath(cidAndPath, ref);
  return typeof parsed === 'string' || !filename ? parsed : { ...parsed, filename };
}

/**
 * `cid:`, `ipfs://` and bare CIDs are Ferry's own forms: `?filename=` names the file as on a gateway link, and
 * any other parameter is refused. A gateway link's query is the gateway's (`?format=raw`), so it is left alone.
 */
function fromCidRef(text: string, ref: string): CidRef | string {
  const [cidAndPath = '', query = ''] = text
    .replace(/^(cid:|ipfs:\/\/)/i, '')
    .replace(/#.*$/, '')
    .split(/\?(.*)/s);
  const unknown = unknownParameterProblem('cid: and ipfs://', query, ['filename']);
  if (unknown) return unknown;
  const parsed = fromCidAndPath(cidAndPath, ref);
  const filename = new URLSearchParams(query).get('filename');
  return typeof parsed === 'string' || !filename ? parsed : { ...parsed, filename };
}

/** `<cid>[/path]` as the CID store's `arg` and a gateway's `/ipfs/` path take it, each segment encoded for a URL. */
export function cidPath(ref: CidRef, encode: (segment: string) => string = (segment) => segment): string {
  return [ref.cid.toString(), ...ref.path.map(encode)].join('/');
}

/** The name the content goes under when nothing better is known: the last path segment, else the CID. */
export function contentName(ref: CidRef): string {
  return ref.path.at(-1) ?? ref.cid.toString();
}

function fromCidAndPath(text: string, ref: string): CidRef | string {
  const [first = '', ...rest] = text.split('/');
  let cid: CID;
  try {
    cid = CID.parse(first);
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    return `"${ref.slice(0, 200)}" does not hold a valid CID${reason}: check that it was copied whole, e.g. bafy… or Qm….`;
  }
  let path: string[];
  try {
    path = rest.filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
  } catch {
    return `"${ref.slice(0, 200)}" has a path Ferry cannot read after its CID: check its %-escapes.`;
  }
  if (path.some((segment) => segment === '.' || segment === '..')) {
    return `"${ref.slice(0, 200)}" has "." or ".." in its path; give the path inside the CID as it is, e.g. ipfs://<CID>/photos/cat.png.`;
  }
  return { cid, path };
}

function httpUrl(text: string): URL | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
