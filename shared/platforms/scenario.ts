import { field, type PlatformDescriptor } from './platform';

export const scenario: PlatformDescriptor = {
  displayName: 'Scenario',
  account: 'required',
  accountFields: [
    field('apiKey', 'API key', 'the API key from Scenario’s API settings'),
    field('apiSecret', 'API secret', 'the API secret shown once when the key was made', { secret: true }),
    field('projectId', 'Project ID', 'the project to work in, when the key has several', { optional: true }),
  ],
  defaultBaseUrl: 'https://api.cloud.scenario.com/v1',
  refForms: [
    { form: 'scenario:asset/<assetId>[?format=png]', meaning: 'one asset, in a format Scenario converts to' },
    {
      form: 'scenario:batch?assets=a,b[&inferences=..][&models=..][&template=..][&flat=true]',
      meaning: 'many assets as one ZIP, unpacked unless --no-unpack',
    },
  ],
  refHint: 'a scenario: ref',
  browsable: true,
  credentialsHelp: 'Check its API key and secret in Scenario’s API settings, then retry.',
};
