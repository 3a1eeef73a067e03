import { unknownParameterProblem } from '../ref-parameters';

/** The formats Scenario converts an asset to (seeds/scenario-download.md, `targetFormat`). */
export const scenarioFormats = [
  'gif',
  'heif',
  'jpeg',
  'jpg',
  'png',
  'svg',
  'webp',
  'avif',
  'tif',
  'tiff',
  'glb',
  'fbx',
  'obj',
] as const;
export type ScenarioFormat = (typeof scenarioFormats)[number];

export const DEFAULT_FILE_NAME_TEMPLATE = '<prompt>-<seed>-<num>';
export const TEMPLATE_PLACEHOLDERS = ['<seed>', '<num>', '<prompt>', '<generator>'];
/** Scenario makes one ZIP of at most this many assets. */
export const MAX_BATCH_ASSETS = 1000;

/** What one batch job is asked for: the body of POST /assets/download. */
export interface BatchSelection {
  assetIds: string[];
  inferenceIds: string[];
  modelIds: string[];
  fileNameTemplate: string;
  flat: boolean;
}

export type ScenarioRef =
  | { kind: 'asset'; assetId: string; format?: ScenarioFormat }
  | ({ kind: 'batch' } & BatchSelection);

const PREFIX = /^scenario:/i;
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const BATCH_OPTIONS = ['assets', 'inferences', 'models', 'template', 'flat'];

export const recognizesScenarioRef = (ref: string): boolean => PREFIX.test(ref.trim());

/** The ref understood, or a sentence saying what is wrong with it. */
export function parseScenarioRef(text: string): ScenarioRef | { problem: string } {
  const ref = text.trim();
  const asset = /^scenario:asset\/([^?#]*)(?:\?(.*))?$/i.exec(ref);
  if (asset) return parseAsset(asset[1] ?? '', new URLSearchParams(asset[2] ?? ''));
  const batch = /^scenario:batch\?(.*)$/i.exec(ref);
  if (batch) return parseBatch(new URLSearchParams(batch[1] ?? ''));
  return {
    problem: `"${ref.slice(0, 200)}" is not a Scenario ref: use scenario:asset/<assetId>[?format=png] or scenario:batch?assets=<id>,<id>.`,
  };
}

function parseAsset(assetId: string, options: URLSearchParams): ScenarioRef | { problem: string } {
  if (!ID.test(assetId)) return { problem: `"${assetId.slice(0, 200)}" is not a Scenario asset id.` };
  const unknown = unknownParameterProblem('scenario:asset', options.toString(), ['format']);
  if (unknown) return { problem: unknown };
  const format = options.get('format')?.toLowerCase();
  if (format === undefined) return { kind: 'asset', assetId };
  if (!(scenarioFormats as readonly string[]).includes(format)) {
    return {
      problem: `"${format.slice(0, 50)}" is not a format Scenario converts to: use one of ${scenarioFormats.join(', ')}.`,
    };
  }
  return { kind: 'asset', assetId, format: format as ScenarioFormat };
}

function parseBatch(options: URLSearchParams): ScenarioRef | { problem: string } {
  const unknown = unknownParameterProblem('scenario:batch', options.toString(), BATCH_OPTIONS);
  if (unknown) return { problem: unknown };
  const lists = { assetIds: 'assets', inferenceIds: 'inferences', modelIds: 'models' } as const;
  const ids = { assetIds: [] as string[], inferenceIds: [] as string[], modelIds: [] as string[] };
  for (const [key, name] of Object.entries(lists) as [keyof typeof lists, string][]) {
    ids[key] = idList(options.get(name));
    const bad = ids[key].find((id) => !ID.test(id));
    if (bad) return { problem: `"${bad.slice(0, 200)}" in ${name}= is not a Scenario id.` };
  }
  if (ids.assetIds.length + ids.inferenceIds.length + ids.modelIds.length === 0) {
    return { problem: 'scenario:batch needs at least one id in assets=, inferences= or models=.' };
  }
  const fileNameTemplate = options.get('template') ?? DEFAULT_FILE_NAME_TEMPLATE;
  const templateIssue = templateProblem(fileNameTemplate);
  if (templateIssue) return { problem: templateIssue };
  const flat = options.get('flat') ?? 'false';
  if (flat !== 'true' && flat !== 'false') return { problem: 'scenario:batch takes flat=true or flat=false.' };
  return { kind: 'batch', ...ids, fileNameTemplate, flat: flat === 'true' };
}

function idList(value: string | null): string[] {
  const ids = (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return [...new Set(ids)];
}

function templateProblem(template: string): string | null {
  if (template.trim() === '' || template.length > 200) {
    return 'The batch file name template must have 1 to 200 characters, e.g. template=<prompt>-<seed>-<num>.';
  }
  const unknown = template.match(/<[^<>]*>/g)?.find((placeholder) => !TEMPLATE_PLACEHOLDERS.includes(placeholder));
  if (unknown) {
    return `${unknown.slice(0, 50)} is not a placeholder Scenario knows: use ${TEMPLATE_PLACEHOLDERS.join(', ')}.`;
  }
  return null;
}

/**
 * A batch over Scenario's limit becomes several, each at most 1,000 assets;
 * the inferences and models go with the first, as Scenario counts their assets itself.
 */
export function splitBatch(selection: BatchSelection): BatchSelection[] {
  if (selection.assetIds.length <= MAX_BATCH_ASSETS) return [selection];
  const parts: BatchSelection[] = [];
  for (let start = 0; start < selection.assetIds.length; start += MAX_BATCH_ASSETS) {
    const first = start === 0;
    parts.push({
      ...selection,
      assetIds: selection.assetIds.slice(start, start + MAX_BATCH_ASSETS),
      inferenceIds: first ? selection.inferenceIds : [],
      modelIds: first ? selection.modelIds : [],
    });
  }
  return parts;
}

/** The ref of a selection, as short as it can be: defaults left out, the template escaped only where it must be. */
export function batchRef(selection: BatchSelection): string {
  const parts = [
    ['assets', selection.assetIds.join(',')],
    ['inferences', selection.inferenceIds.join(',')],
    ['models', selection.modelIds.join(',')],
    [
      'template',
      selection.fileNameTemplate === DEFAULT_FILE_NAME_TEMPLATE ? '' : escapeValue(selection.fileNameTemplate),
    ],
    ['flat', selection.flat ? 'true' : ''],
  ].filter(([, value]) => value !== '');
  return `scenario:batch?${parts.map(([name, value]) => `${name}=${value}`).join('&')}`;
}

/** Only what would change how the query reads (and spaces, which split pasted refs) is percent-encoded. */
function escapeValue(value: string): string {
  return value.replace(/[%&#+=\s]/g, (character) => encodeURIComponent(character));
}

/** POST /assets/{id}/download: `{}` for the asset as it is, or the format to convert it to. */
export function assetDownloadBody(format: ScenarioFormat | undefined): string {
  return JSON.stringify(format ? { targetFormat: format } : {});
}

/** POST /assets/download: the three id lists are always sent, empty or not. */
export function batchDownloadBody(selection: BatchSelection): string {
  return JSON.stringify({
    options: { fileNameTemplate: selection.fileNameTemplate, flat: selection.flat },
    query: { assetIds: selection.assetIds, inferenceIds: selection.inferenceIds, modelIds: selection.modelIds },
  });
}
