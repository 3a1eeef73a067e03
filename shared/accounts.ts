import { z } from 'zod';

export const providerIds = ['echo3d', 'scenario', 'delos', 'cid'] as const;
export type ProviderId = (typeof providerIds)[number];

export interface AccountField {
  name: string;
  secret: boolean;
  optional: boolean;
}

const field = (name: string, secret: boolean, optional = false): AccountField => ({ name, secret, optional });

/** The fields each platform's account takes (DESIGN.md section 5); secret ones live only in the keychain. */
export const accountFields: Record<ProviderId, AccountField[]> = {
  echo3d: [field('key', true), field('email', false), field('userKey', true), field('secKey', true, true)],
  scenario: [field('apiKey', false), field('apiSecret', true), field('projectId', false, true)],
  delos: [field('login', false), field('password', true), field('customerId', false, true)],
  cid: [
    field('endpoint', false, true),
    field('token', true, true),
    field('authUrl', false, true),
    field('login', false, true),
    field('password', true, true),
  ],
};

/** Platforms whose provider can list an account's files for a picker (`accounts:browse`). */
export const browsableProviders: readonly ProviderId[] = ['echo3d'];

/** One way to download a listed entry, e.g. its original or a converted GLB. */
export const browseChoiceSchema = z.object({ label: z.string(), ref: z.string() });
export type BrowseChoice = z.infer<typeof browseChoiceSchema>;

/** One entry of an account's library, as a picker shows it. */
export const browseEntrySchema = z.object({
  /** The ref that downloads this entry as it is. */
  ref: z.string(),
  name: z.string(),
  /** What kind of asset, e.g. the model's file type. */
  type: z.string(),
  /** Versions that exist already and download without a conversion. */
  formats: z.array(z.string()),
  tags: z.array(z.string()),
  detail: z.string(),
  /** Every way to download it, the plain ref first. */
  choices: z.array(browseChoiceSchema),
});
export type BrowseEntry = z.infer<typeof browseEntrySchema>;

/** What the window and the CLI see of a secret: only that it is set. */
export const secretMarkSchema = z.object({ set: z.literal(true) });

export const accountSchema = z.object({
  id: z.string(),
  provider: z.enum(providerIds),
  label: z.string(),
  baseUrl: z.string().nullable(),
  isDefault: z.boolean(),
  fields: z.record(z.string(), z.union([z.string(), secretMarkSchema])),
});
export type Account = z.infer<typeof accountSchema>;

export const newAccountSchema = z.strictObject({
  provider: z.enum(providerIds),
  label: z.string().trim().min(1, 'Give the account a label.').max(80),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  fields: z.record(z.string(), z.string().max(4096)),
});
export type NewAccount = z.infer<typeof newAccountSchema>;

/** Problems with the fields given for a provider, in words; empty when they are complete and known. */
export function accountFieldProblems(provider: ProviderId, fields: Record<string, string>): string[] {
  const known = accountFields[provider];
  const problems = Object.keys(fields)
    .filter((name) => !known.some((candidate) => candidate.name === name))
    .map((name) => `${provider} accounts have no "${name}" field (they take ${known.map((f) => f.name).join(', ')}).`);
  for (const required of known.filter((candidate) => !candidate.optional)) {
    if (!fields[required.name]) problems.push(`${provider} accounts need ${required.name}.`);
  }
  if (
    provider === 'cid' &&
    !(fields.endpoint && fields.token) &&
    !(fields.authUrl && fields.login && fields.password)
  ) {
    problems.push('CID store accounts need endpoint and token, or authUrl, login and password.');
  }
  return problems;
}

export const accountUpdateSchema = z.strictObject({
  label: z.string().trim().min(1, 'Give the account a label.').max(80).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  /** Fields to change; a secret given here replaces the one in the keychain. */
  fields: z.record(z.string(), z.string().max(4096)).optional(),
});
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;
