import { field, type PlatformDescriptor } from './platform';

export const delos: PlatformDescriptor = {
  displayName: 'Delos',
  account: 'required',
  accountFields: [
    field('login', 'Login', 'the login you sign in to Delos with', { optional: true }),
    field('password', 'Password', 'its password', { secret: true, optional: true }),
    field('token', 'Access token', 'a static access token, instead of a login', { secret: true, optional: true }),
    field('customerId', 'Customer ID', 'the customer whose files to use, when you work for several', {
      optional: true,
    }),
  ],
  signIns: [
    { name: 'login and password', fields: ['login', 'password'] },
    { name: 'token', fields: ['token'] },
  ],
  defaultBaseUrl: null,
  refForms: [{ form: 'delos:file/<fileId>[?customer=<customerId>]', meaning: 'one file from Delos storage' }],
  refHint: 'a delos: ref',
  browsable: true,
  credentialsHelp: 'Check its login and password, or its token, then retry.',
};
