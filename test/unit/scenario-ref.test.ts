import { describe, expect, it } from 'vitest';
import {
  assetDownloadBody,
  type BatchSelection,
  batchDownloadBody,
  batchRef,
  parseScenarioRef,
  scenarioFormats,
  splitBatch,
} from '../../electron/providers/scenario/scenario-ref';

const problemOf = (ref: string) => {
  const parsed = parseScenarioRef(ref);
  return 'problem' in parsed ? parsed.problem : null;
};

describe('Scenario asset refs', () => {
  it('reads the asset id and an optional format, in any case', () => {
    expect(parseScenarioRef('scenario:asset/asset_Ab-1')).toEqual({ kind: 'asset', assetId: 'asset_Ab-1' });
    expect(parseScenarioRef(' Scenario:asset/a1?format=PNG ')).toEqual({ kind: 'asset', assetId: 'a1', format: 'png' });
  });

  it('takes exactly the thirteen formats Scenario documents', () => {
    expect(scenarioFormats).toHaveLength(13);
    for (const format of scenarioFormats) expect(problemOf(`scenario:asset/a1?format=${format}`)).toBeNull();
    expect(problemOf('scenario:asset/a1?format=tga')).toBe(
      '"tga" is not a format Scenario converts to: use one of gif, heif, jpeg, jpg, png, svg, webp, avif, tif, tiff, glb, fbx, obj.',
    );
  });

  it('refuses a missing or odd id and options it does not know', () => {
    expect(problemOf('scenario:asset/')).toContain('is not a Scenario asset id');
    expect(problemOf('scenario:asset/a/b')).toContain('"a/b" is not a Scenario asset id');
    expect(problemOf('scenario:asset/a1?size=2')).toBe(
      '"size" is not a parameter of scenario:asset refs: they take only format=.',
    );
    expect(problemOf('scenario:model/a1')).toContain('is not a Scenario ref: use scenario:asset/<assetId>');
  });
});

describe('Scenario batch refs', () => {
  it('reads the three id lists with the defaults Scenario is sent', () => {
    expect(parseScenarioRef('scenario:batch?assets=a1, a2,,a1&models=m1')).toEqual({
      kind: 'batch',
      assetIds: ['a1', 'a2'],
      inferenceIds: [],
      modelIds: ['m1'],
      fileNameTemplate: '<prompt>-<seed>-<num>',
      flat: false,
    });
  });

  it('reads a template with every placeholder, and flat', () => {
    const parsed = parseScenarioRef(
      'scenario:batch?inferences=i1&template=<generator>_<seed>_<num>_<prompt>&flat=true',
    );
    expect(parsed).toMatchObject({
      inferenceIds: ['i1'],
      fileNameTemplate: '<generator>_<seed>_<num>_<prompt>',
      flat: true,
    });
  });

  it('says what is wrong with a batch it cannot send', () => {
    expect(problemOf('scenario:batch?template=<seed>')).toBe(
      'scenario:batch needs at least one id in assets=, inferences= or models=.',
    );
    expect(problemOf('scenario:batch?assets=a1&template=<date>-<num>')).toBe(
      '<date> is not a placeholder Scenario knows: use <seed>, <num>, <prompt>, <generator>.',
    );
    expect(problemOf('scenario:batch?assets=a1&flat=yes')).toBe('scenario:batch takes flat=true or flat=false.');
    expect(problemOf('scenario:batch?assets=a1&format=png')).toBe(
      '"format" is not a parameter of scenario:batch refs: they take only assets=, inferences=, models=, template=, flat=.',
    );
    expect(problemOf('scenario:batch?assets=a1&template=')).toContain('must have 1 to 200 characters');
    expect(problemOf('scenario:batch?models=m/1')).toBe('"m/1" in models= is not a Scenario id.');
  });

  it('writes a selection back as a ref that reads the same, odd template characters included', () => {
    const selection: BatchSelection = {
      assetIds: ['a1', 'a2'],
      inferenceIds: ['i1'],
      modelIds: [],
      fileNameTemplate: '<prompt> & <seed>+#<num>=%',
      flat: true,
    };
    const ref = batchRef(selection);
    expect(ref).toBe(
      'scenario:batch?assets=a1,a2&inferences=i1&template=<prompt>%20%26%20<seed>%2B%23<num>%3D%25&flat=true',
    );
    expect(parseScenarioRef(ref)).toEqual({ kind: 'batch', ...selection });
    expect(batchRef({ ...selection, fileNameTemplate: '<prompt>-<seed>-<num>', flat: false })).toBe(
      'scenario:batch?assets=a1,a2&inferences=i1',
    );
  });

  it('splits more than 1,000 assets into jobs of 1,000 at most, inferences and models with the first', () => {
    const assetIds = Array.from({ length: 2500 }, (_, index) => `a${index}`);
    const parts = splitBatch({
      assetIds,
      inferenceIds: ['i1'],
      modelIds: ['m1'],
      fileNameTemplate: '<num>',
      flat: false,
    });
    expect(parts.map((part) => part.assetIds.length)).toEqual([1000, 1000, 500]);
    expect(parts.flatMap((part) => part.assetIds)).toEqual(assetIds);
    expect(parts.map((part) => [part.inferenceIds, part.modelIds])).toEqual([
      [['i1'], ['m1']],
      [[], []],
      [[], []],
    ]);
    const small = { assetIds: ['a1'], inferenceIds: [], modelIds: [], fileNameTemplate: '<num>', flat: false };
    expect(splitBatch(small)).toEqual([small]);
  });
});

describe('Scenario request bodies', () => {
  it('asks for an asset as it is with {}, or in a format with targetFormat', () => {
    expect(JSON.parse(assetDownloadBody(undefined))).toEqual({});
    expect(JSON.parse(assetDownloadBody('webp'))).toEqual({ targetFormat: 'webp' });
  });

  it('always sends all three id lists, with the template and flat in options', () => {
    const selection = parseScenarioRef('scenario:batch?inferences=i1') as BatchSelection;
    expect(JSON.parse(batchDownloadBody(selection))).toEqual({
      options: { fileNameTemplate: '<prompt>-<seed>-<num>', flat: false },
      query: { assetIds: [], inferenceIds: ['i1'], modelIds: [] },
    });
  });
});
