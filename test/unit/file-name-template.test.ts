import { describe, expect, it } from 'vitest';
import { destinationFor } from '../../electron/downloads/destination';
import { templateFolders, templateProblem } from '../../shared/file-name-template';
import { defaultSettings } from '../../shared/settings';

describe('file name templates', () => {
  it.each(['{name}', '{provider}/{name}', 'Ferry/{queue}/{provider}/{name}'])('accepts %s', (template) => {
    expect(templateProblem(template)).toBeNull();
  });

  it.each([
    ['{provider}', 'must end with {name}'],
    ['../{name}', 'cannot be empty, "." or ".."'],
    ['a//{name}', 'cannot be empty'],
    ['{user}/{name}', '{user} is not a placeholder'],
    ['C:{name}', 'must end with {name}'],
    ['what?/{name}', 'cannot contain'],
  ])('refuses %s', (template, problem) => {
    expect(templateProblem(template)).toContain(problem);
  });

  it('fills placeholders and keeps their values from escaping the folder', () => {
    expect(templateFolders('{provider}/{queue}/{name}', { provider: 'echo3D', queue: 'Night/../../etc' })).toEqual([
      'echo3D',
      'Night_.._.._etc',
    ]);
  });

  it('puts a download below the download folder', () => {
    const settings = { ...defaultSettings('/home/artist/Downloads'), fileNameTemplate: '{provider}/{name}' };
    expect(destinationFor(settings, { provider: 'http', queue: 'Default' })).toBe('/home/artist/Downloads/http');
  });
});
