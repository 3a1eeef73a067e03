import { cid } from './platforms/cid';
import { delos } from './platforms/delos';
import { echo3d } from './platforms/echo3d';
import { http } from './platforms/http';
import type { AccountField, PlatformDescriptor } from './platforms/platform';
import { scenario } from './platforms/scenario';

/** The platforms that sign downloads with an account. */
export const providerIds = ['echo3d', 'scenario', 'delos', 'cid'] as const;
export type ProviderId = (typeof providerIds)[number];
export type PlatformId = ProviderId | 'http';

/** Every platform Ferry downloads from, described for people; a platform missing here does not compile. */
export const platforms = { echo3d, scenario, delos, cid, http } as const satisfies Record<
  PlatformId,
  PlatformDescriptor
>;

export function accountFieldsOf(provider: ProviderId): AccountField[] {
  return platforms[provider].accountFields;
}

/** Platforms whose provider can list an account's files for a picker (`accounts:browse`). */
export const browsableProviders: readonly ProviderId[] = providerIds.filter((id) => platforms[id].browsable);

/**
 * A platform that signs every download and has no address of its own (Delos:
 * each customer is served from its own host) cannot be reached without a base
 * URL. An optional account (the CID store's) gives its addresses in its fields.
 */
export function baseUrlProblem(provider: ProviderId, baseUrl: string | null | undefined): string | null {
  const { displayName, account, defaultBaseUrl } = platforms[provider];
  if (baseUrl || defaultBaseUrl !== null || account !== 'required') return null;
  return `${displayName} accounts need a base URL, the address of your ${displayName} API (--base-url in the CLI, Base URL in Accounts).`;
}

/** Problems with the fields given for a provider, in words; empty when they are complete and known. */
export function accountFieldProblems(provider: ProviderId, fields: Record<string, string>): string[] {
  const { displayName, accountFields, signIns } = platforms[provider];
  const problems = Object.keys(fields)
    .filter((name) => !accountFields.some((candidate) => candidate.name === name))
    .map(
      (name) =>
        `${displayName} accounts have no "${name}" field (they take ${accountFields.map((f) => f.name).join(', ')}).`,
    );
  for (const required of accountFields.filter((candidate) => !candidate.optional)) {
    if (!fields[required.name]) problems.push(`${displayName} accounts need ${required.name}.`);
  }
  if (signIns && !signIns.some((signIn) => signIn.fields.every((name) => fields[name]))) {
    problems.push(`${displayName} accounts need ${signIns.map((signIn) => signIn.name).join(', or ')}.`);
  }
  return problems;
}
