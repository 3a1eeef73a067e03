import { field, type PlatformDescriptor } from './platform';

export const echo3d: PlatformDescriptor = {
  displayName: 'echo3D',
  account: 'required',
  accountFields: [
    field('key', 'API key', 'the API key from the echo3D console', { secret: true }),
    field('email', 'Email', 'the email you sign in to echo3D with'),
    field('userKey', 'User key', 'the security key of your user', { secret: true }),
    field('secKey', 'Secret key', 'the secret key, for collections that require one', { secret: true, optional: true }),
  ],
  defaultBaseUrl: 'https://api.echo3D.com',
  refForms: [
    { form: 'echo3d:file/<storageId>', meaning: 'one file by its storage id' },
    { form: 'echo3d:entry/<entryId>', meaning: "an entry's original model" },
    { form: 'echo3d:entry/<entryId>?format=glb[&convert=true]', meaning: 'a format, converted if missing' },
    { form: 'echo3d:entry/<entryId>?files=all', meaning: 'the model, its textures and material in one folder' },
  ],
  refHint: 'an echo3d: ref',
  browsable: true,
  credentialsHelp:
    'Check its key, email and user key (and secret key if the collection uses one) in Accounts, then retry.',
};
