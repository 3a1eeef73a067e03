import { field, type PlatformDescriptor } from './platform';

export const cid: PlatformDescriptor = {
  displayName: 'CID store',
  account: 'optional',
  accountFields: [
    field('endpoint', 'Store address', 'the store’s API address', { optional: true }),
    field('token', 'Access token', 'an access token for that address', { secret: true, optional: true }),
    field('authUrl', 'Sign-in address', 'the sign-in address that hands out the endpoint and a token', {
      optional: true,
    }),
    field('login', 'Login', 'the login for that sign-in', { optional: true }),
    field('password', 'Password', 'its password', { secret: true, optional: true }),
  ],
  signIns: [
    { name: 'endpoint and token', fields: ['endpoint', 'token'] },
    { name: 'authUrl, login and password', fields: ['authUrl', 'login', 'password'] },
  ],
  defaultBaseUrl: null,
  refForms: [
    { form: 'cid:<CID>[/path][?filename=<name>]', meaning: 'a file or folder by its CID, saved as <name> if given' },
    { form: 'ipfs://<CID>[/path][?filename=<name>]', meaning: 'the same, as an IPFS link' },
    { form: '<CID>', meaning: 'a bare CID: CIDv0 (Qm…) or CIDv1 (b…)' },
    { form: 'https://<gateway>/ipfs/<CID>[/path][?filename=<name>]', meaning: 'a gateway link, fetched verified' },
  ],
  refHint: 'a CID (cid:, ipfs://, a gateway /ipfs/ link or a bare Qm…/b… CID)',
  browsable: false,
  credentialsHelp: 'Check its token, or its sign-in address, login and password, then retry.',
};
