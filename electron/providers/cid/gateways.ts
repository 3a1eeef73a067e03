import { FerryError } from '../../../shared/errors';

/** Which IPFS gateways to verify content from, and whether they were asked for over a CID store account. */
export interface GatewayChoice {
  urls: string[];
  /** `--gateway` was given: the gateways even when there is a CID store account. */
  forced: boolean;
}

/**
 * `--gateway URL` (repeatable) first, else `FERRY_IPFS_GATEWAY` (comma
 * separated), else the `ipfsGateways` setting: tried in this order.
 */
export function gatewayChoice(
  fromCommandLine: readonly string[],
  env: NodeJS.ProcessEnv,
  setting: readonly string[],
): GatewayChoice {
  if (fromCommandLine.length > 0) return { urls: [...fromCommandLine], forced: true };
  const fromEnv = (env.FERRY_IPFS_GATEWAY ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  const problem = fromEnv.map(gatewayProblem).find((found) => found !== null);
  if (problem) throw new FerryError('invalid_payload', `FERRY_IPFS_GATEWAY: ${problem}`);
  return { urls: fromEnv.length > 0 ? fromEnv : [...setting], forced: false };
}

/** What is wrong with a gateway address, or null: an http(s) address without a query. */
export function gatewayProblem(url: string): string | null {
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.search) return null;
  } catch {
    // Said below, with what was given.
  }
  return `"${url.slice(0, 200)}" is not an IPFS gateway address; give one such as https://trustless-gateway.link.`;
}

/** `{gateway}/ipfs/{path}`, whether or not the gateway address ends in a slash. */
export function gatewayUrl(gateway: string, path: string): string {
  return `${gateway.replace(/\/+$/, '')}/ipfs/${path}`;
}
