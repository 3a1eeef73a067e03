import { describe, expect, it } from 'vitest';
import { previewRefs } from '../../electron/downloads/preview-refs';
import { defaultProviders } from '../../electron/providers/registry';
import type { Account } from '../../shared/accounts';
import { refWithFormat } from '../../shared/ref-preview';

const providers = defaultProviders();
const CID_V1 = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const CID_V0 = 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG';

function account(id: string, provider: Account['provider'], label: string, isDefault: boolean): Account {
  return { id, provider, label, baseUrl: null, isDefault, fields: {} };
}

const accounts = [
  account('a1', 'echo3d', 'Studio', true),
  account('a2', 'echo3d', 'Client work', false),
  account('a3', 'scenario', 'Art team', true),
  account('a4', 'cid', 'Pinning', true),
];
const withAccounts = { list: () => accounts };
const noAccounts = { list: (): Account[] => [] };

function previewOne(ref: string, options: { accountId?: string; store?: typeof withAccounts } = {}) {
  const [preview] = previewRefs(providers, options.store ?? withAccounts, {
    refs: [ref],
    accountId: options.accountId,
  });
  return preview;
}

describe('previewing refs before they are queued', () => {
  it.each([
    ['https://example.com/castle.glb', 'http', 'link'],
    ['echo3d:file/st-123', 'echo3d', 'file'],
    ['echo3d:entry/e-1', 'echo3d', 'entry'],
    ['echo3d:entry/e-1?files=all', 'echo3d', 'entry-files'],
    ['scenario:asset/asset_1', 'scenario', 'asset'],
    ['scenario:batch?assets=a1,a2', 'scenario', 'batch'],
    ['delos:file/file_78901?customer=cust_1', 'delos', 'file'],
    [`cid:${CID_V1}/photos/cat.png`, 'cid', 'cid'],
    [`ipfs://${CID_V1}`, 'cid', 'cid'],
    [CID_V0, 'cid', 'cid'],
    [`https://ipfs.io/ipfs/${CID_V1}?filename=castle.glb`, 'cid', 'cid'],
  ])('reads %s as a %s %s', (ref, platform, kind) => {
    expect(previewOne(ref)).toMatchObject({ ref, ok: true, platform, kind });
  });

  it('names the format asked for and, where the platform converts, the formats to choose from', () => {
    expect(previewOne('scenario:asset/asset_1?format=png')).toMatchObject({ format: 'png' });
    const plain = previewOne('scenario:asset/asset_1');
    expect(plain).toMatchObject({ format: null });
    expect(plain?.ok && plain.formats).toContain('glb');
    expect(previewOne('echo3d:entry/e-1?format=usdz&convert=true')).toMatchObject({ format: 'usdz' });
    expect(previewOne('echo3d:entry/e-1')).not.toHaveProperty('formats');
    expect(previewOne('https://example.com/a.png')).not.toHaveProperty('format');
  });

  it('gives the words the CLI gives for a bad ref', () => {
    const refs = ['ftp://old.example.com/file.zip', 'scenario:asset/a1?format=bmp', 'cid:Qmnotacid', 'delos:file/..'];
    const previews = previewRefs(providers, withAccounts, { refs });
    expect(previews.map((preview) => preview.ok)).toEqual([false, false, false, false]);
    expect(previews.map((preview) => (preview.ok ? '' : preview.message))).toEqual(
      refs.map((ref) => providers.refProblem(ref)),
    );
    expect(previews[0]).toMatchObject({ message: expect.stringContaining('is not something Ferry can download') });
    expect(previews[1]).toMatchObject({ message: expect.stringContaining('not a format Scenario converts to') });
  });

  it('picks each platform’s default account, none for direct links, and null when a platform has none yet', () => {
    const refs = ['echo3d:file/s1', 'scenario:asset/x1', 'https://example.com/a.zip', 'delos:file/f1', CID_V0];
    const labels = previewRefs(providers, withAccounts, { refs }).map((preview) => preview.ok && preview.accountLabel);
    expect(labels).toEqual(['Studio', 'Art team', null, null, 'Pinning']);
    expect(previewOne('echo3d:file/s1', { store: noAccounts })).toMatchObject({ ok: true, accountLabel: null });
  });

  it('uses the account named, refuses it for another platform’s refs, and says when it is gone', () => {
    expect(previewOne('echo3d:file/s1', { accountId: 'a2' })).toMatchObject({ accountLabel: 'Client work' });
    expect(previewOne('https://example.com/a.zip', { accountId: 'a2' })).toMatchObject({
      ok: true,
      accountLabel: null,
    });
    expect(previewOne('scenario:asset/x1', { accountId: 'a2' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('"Client work" is a echo3d account, so it cannot sign'),
    });
    expect(previewOne('echo3d:file/s1', { accountId: 'gone' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('no longer exists'),
    });
  });
});

describe('refWithFormat', () => {
  it('sets, replaces and removes the format, keeping other options', () => {
    expect(refWithFormat('scenario:asset/a1', 'png')).toBe('scenario:asset/a1?format=png');
    expect(refWithFormat('scenario:asset/a1?format=png', 'glb')).toBe('scenario:asset/a1?format=glb');
    expect(refWithFormat('scenario:asset/a1?format=png', null)).toBe('scenario:asset/a1');
    expect(refWithFormat('echo3d:entry/e1?convert=true&format=obj', null)).toBe('echo3d:entry/e1?convert=true');
  });
});

describe('refs no platform may take', () => {
  it.each([
    ['https://example.com/a\nb.zip', 'holds a line break inside it'],
    ['https://example.com/a\rb.zip', 'holds a carriage return inside it'],
    ['echo3d:file/st\t-123', 'holds a tab inside it'],
    [`cid:${CID_V1}\u0000`, 'holds a NUL character inside it'],
    ['delos:file/f\u007f1', 'holds the control character U+007F inside it'],
  ])('refuses a ref with a control character inside: %j', (ref, words) => {
    const preview = previewOne(ref);
    expect(preview).toMatchObject({ ok: false, message: expect.stringContaining(words) });
    expect(preview?.ok === false && preview.message).not.toMatch(/[\n\r\t\0]/);
  });

  it('still takes a ref with spaces or a line break around it', () => {
    expect(previewOne('  https://example.com/a.zip\n')).toMatchObject({ ok: true, platform: 'http' });
  });

  it.each([
    'https://ann:s3cret@example.com/a.zip',
    'http://ann@example.com/a.zip',
    `https://ann:s3cret@ipfs.io/ipfs/${CID_V1}`,
  ])('refuses a link that carries a user name or password, without repeating it: %s', (ref) => {
    const preview = previewOne(ref);
    expect(preview).toMatchObject({
      ok: false,
      message: expect.stringContaining('does not send passwords inside links'),
    });
    expect(preview?.ok === false && preview.message).toContain('signed or shared link');
    expect(preview?.ok === false && preview.message).not.toMatch(/ann|s3cret/);
  });
});

describe('parameters on a platform ref', () => {
  it.each([
    ['echo3d:file/st-1?fromat=glb', '"fromat" is not a parameter of echo3d:file refs: they take only name='],
    ['echo3d:entry/e-1?format=glb&convrt=true', '"convrt" is not a parameter of echo3d:entry refs'],
    ['echo3d:entry/e-1?files=all&mode=fast', 'they take only format=, convert=, files='],
    ['scenario:asset/asset_1?size=big', '"size" is not a parameter of scenario:asset refs: they take only format='],
    [
      'scenario:batch?assets=a1&flatt=true',
      '"flatt" is not a parameter of scenario:batch refs: they take only assets=, inferences=, models=, template=, flat=',
    ],
    ['delos:file/f-1?customr=c-1', '"customr" is not a parameter of delos:file refs: they take only customer='],
    [`cid:${CID_V1}?format=car`, '"format" is not a parameter of cid: and ipfs:// refs: they take only filename='],
    [`ipfs://${CID_V1}/a.png?download=true`, '"download" is not a parameter of cid: and ipfs:// refs'],
  ])('refuses an unknown one by name, listing those it knows: %s', (ref, words) => {
    expect(previewOne(ref)).toMatchObject({ ok: false, message: expect.stringContaining(words) });
  });

  it.each([
    'echo3d:file/st-1?name=castle.glb',
    'echo3d:entry/e-1?format=glb&convert=true',
    'delos:file/f-1?customer=c-1',
    `cid:${CID_V1}?filename=castle.glb`,
    'https://example.com/a.zip?token=abc&v=2',
    `https://ipfs.io/ipfs/${CID_V1}?format=raw&download=true`,
  ])('takes the parameters it knows, and leaves a web link’s query to the server: %s', (ref) => {
    expect(previewOne(ref)).toMatchObject({ ok: true });
  });
});
