import { describe, expect, it } from 'vitest';
import { draftProblems, signInWords } from '../../renderer/store/account-form';

const empty = { label: '', baseUrl: '', fields: {} };

describe('draftProblems', () => {
  it('names every missing echo3D field by its label', () => {
    expect(draftProblems('echo3d', { ...empty, fields: { key: 'k' } })).toEqual({
      label: 'Give the account a label, such as Studio.',
      email: 'Enter the Email.',
      userKey: 'Enter the User key.',
    });
  });

  it('asks for one complete way to sign in, and a base URL where the platform has none', () => {
    expect(draftProblems('delos', { label: 'Work', baseUrl: '', fields: { login: 'me' } })).toEqual({
      baseUrl: 'Enter the address of your Delos API, such as https://files.example.com.',
      signIn: 'Fill in Login and Password, or Access token.',
    });
  });

  it('refuses a base URL that is not an http(s) address', () => {
    const draft = { label: 'Work', baseUrl: 'ftp://delos.example.com', fields: { token: 't' } };
    expect(draftProblems('delos', draft)).toEqual({
      baseUrl: 'The base URL must be a full address starting with https:// or http://.',
    });
  });

  it('lets an edit keep its secrets by leaving them empty', () => {
    expect(draftProblems('echo3d', { ...empty, label: 'Studio' }, true)).toEqual({});
  });

  it('has nothing to say about a complete account', () => {
    const fields = { key: 'k', email: 'e@example.com', userKey: 'u' };
    expect(draftProblems('echo3d', { label: 'Studio', baseUrl: 'https://api.echo3d.com', fields })).toEqual({});
  });
});

describe('signInWords', () => {
  it('words the CID store sign-ins with labels', () => {
    expect(signInWords('cid')).toBe('Store address and Access token, or Sign-in address, Login and Password');
    expect(signInWords('echo3d')).toBeNull();
  });
});
