import { describe, expect, it } from 'vitest';
import { appUrlMatcher, isExternalWebUrl } from '../../electron/window/navigation-policy';

describe('appUrlMatcher for a built app on disk', () => {
  const isApp = appUrlMatcher('file:///opt/Ferry/resources/app/out/renderer/index.html');

  it('accepts the app page, with or without a hash or query', () => {
    expect(isApp('file:///opt/Ferry/resources/app/out/renderer/index.html')).toBe(true);
    expect(isApp('file:///opt/Ferry/resources/app/out/renderer/index.html#/settings')).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'file:///opt/Ferry/resources/app/out/renderer/other.html',
    'file://fileserver/opt/Ferry/resources/app/out/renderer/index.html',
    'https://example.com/',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isApp(url)).toBe(false);
  });
});

describe('appUrlMatcher for the dev server', () => {
  const isApp = appUrlMatcher('http://localhost:5173/');

  it('accepts any page of the same origin and nothing else', () => {
    expect(isApp('http://localhost:5173/index.html')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('http://localhost.evil.test:5173/')).toBe(false);
    expect(isApp('https://localhost:5173/')).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it.each(['https://echo3d.com/docs', 'http://example.com'])('lets %s open in the browser', (url) => {
    expect(isExternalWebUrl(url)).toBe(true);
  });

  it.each(['file:///etc/passwd', 'smb://server/share', 'javascript:alert(1)', 'ms-settings:', 'garbage'])(
    'keeps %s from the system opener',
    (url) => {
      expect(isExternalWebUrl(url)).toBe(false);
    },
  );
});
