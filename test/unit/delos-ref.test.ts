import { describe, expect, it } from 'vitest';
import { classifyRefusal, delosSaid } from '../../electron/providers/delos/delos-api';
import { delosRefProblem, formatDelosRef, isDelosRef, parseDelosRef } from '../../electron/providers/delos/delos-ref';
import { defaultProviders } from '../../electron/providers/registry';

describe('Delos refs', () => {
  it.each([
    ['delos:file/file_78901', { fileId: 'file_78901' }],
    ['  DELOS:file/file_78901  ', { fileId: 'file_78901' }],
    ['delos:file/file_78902?customer=cust_12345', { fileId: 'file_78902', customerId: 'cust_12345' }],
    ['delos:file/3f2c9a1e-77b0-4c1d.v2', { fileId: '3f2c9a1e-77b0-4c1d.v2' }],
  ])('reads %s', (ref, parsed) => {
    expect(parseDelosRef(ref)).toEqual(parsed);
    expect(delosRefProblem(ref)).toBeNull();
  });

  it.each([
    'delos:file/',
    'delos:file',
    'delos:folder/abc',
    'delos:file/a/b',
    'delos:file/a b',
    'delos:file/abc?customer=',
    'delos:file/abc?customer=c1&customer=c2',
    'delos:file/../etc',
    'delos:file/..',
    'delos:file/.',
  ])('refuses %s with the form to use', (ref) => {
    expect(parseDelosRef(ref)).toBeNull();
    expect(delosRefProblem(ref)).toContain('delos:file/<fileId>[?customer=<customerId>]');
  });

  it.each([
    ['delos:file/abc?customerId=c1', 'customerId'],
    ['delos:file/abc?format=pdf', 'format'],
  ])('refuses %s naming the parameter it does not know', (ref, name) => {
    expect(parseDelosRef(ref)).toBeNull();
    expect(delosRefProblem(ref)).toBe(`"${name}" is not a parameter of delos:file refs: they take only customer=.`);
  });

  it('writes the refs it reads', () => {
    for (const ref of ['delos:file/f1', 'delos:file/f1?customer=c-9']) {
      expect(formatDelosRef(parseDelosRef(ref) ?? { fileId: '' })).toBe(ref);
    }
  });

  it('is claimed by the Delos provider before direct links, and only delos: refs are', () => {
    const providers = defaultProviders();
    expect(isDelosRef('delos:file/x')).toBe(true);
    expect(isDelosRef('https://delos.example/v2/storage/file/x')).toBe(false);
    expect(providers.forRef('delos:file/x')?.id).toBe('delos');
    expect(providers.refProblem('delos:file/a b')).toContain('is not a Delos ref');
    expect(providers.refForms()).toContain('delos:file/<fileId>[?customer=<customerId>]');
  });
});

describe('Delos error answers', () => {
  it.each([
    [404, '{ "error": "File not found: file_99999" }', 'not_found', 'File not found: file_99999'],
    [403, '{ "error": "Access denied to file: file_78901" }', 'denied', 'Access denied to file: file_78901'],
    [
      423,
      '{ "error": "File is locked and cannot be downloaded" }',
      'locked',
      'File is locked and cannot be downloaded',
    ],
    [401, '{ "error": "Unauthorized" }', 'unauthorized', 'Unauthorized'],
    // The words decide where the status says otherwise: the seed documents texts, not statuses.
    [
      400,
      '{ "error": "File is locked and cannot be downloaded" }',
      'locked',
      'File is locked and cannot be downloaded',
    ],
    [403, '{ "error": "Unauthorized" }', 'unauthorized', 'Unauthorized'],
    [404, '<html>nothing here</html>', 'not_found', '<html>nothing here</html>'],
    [400, '{ "message": "Bad customer id" }', 'other', 'Bad customer id'],
  ])('HTTP %i %s is %s', (status, body, refusal, said) => {
    expect(delosSaid(body)).toBe(said);
    expect(classifyRefusal(status, delosSaid(body))).toBe(refusal);
  });
});
