import type { PlatformDescriptor } from './platform';

export const http: PlatformDescriptor = {
  displayName: 'Direct link',
  account: 'none',
  accountFields: [],
  defaultBaseUrl: null,
  refForms: [{ form: 'https://… or http://…', meaning: 'a file on the web, unless a platform recognises the link' }],
  refHint: 'an http:// or https:// link',
  browsable: false,
  credentialsHelp: 'Check the link; it may need a fresh signature.',
};
