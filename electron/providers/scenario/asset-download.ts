import type { DownloadSpec } from '../../engine/download-spec';
import type { ProviderAccount, ResolveContext } from '../provider';
import { expectOk, scenarioCall, scenarioError } from './scenario-api';
import { assetDownloadBody, type ScenarioFormat } from './scenario-ref';
import { nameFromSignedUrl } from './signed-url-name';

/**
 * One asset: POST /assets/{id}/download hands out a signed link that expires,
 * so it is asked for just before the transfer, and again when it expired.
 * The link carries no Authorization: its signature is the permission.
 */
export async function assetSpec(
  assetId: string,
  format: ScenarioFormat | undefined,
  context: ResolveContext,
): Promise<DownloadSpec> {
  const account = context.account as ProviderAccount;
  // Scenario converts before it answers with a link, so a converted asset waits for that answer.
  if (format) context.waiting(`converting to ${format.toUpperCase()}`);
  const answer = await scenarioCall(account, `/assets/${encodeURIComponent(assetId)}/download`, {
    method: 'POST',
    body: assetDownloadBody(format),
    signal: context.signal,
    idempotent: true,
    forDownload: true,
  });
  const { url } = expectOk(answer, account, `asset ${assetId}`) as { url?: unknown };
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    throw scenarioError(`Scenario sent no download link for asset ${assetId}. Try again later.`);
  }
  return { url, suggestedName: nameFromSignedUrl(url) ?? (format ? `${assetId}.${format}` : assetId) };
}
