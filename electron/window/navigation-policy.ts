/**
 * Which URLs belong to the app. The window may only ever show Ferry's own
 * page: from disk in a build, from the dev server while developing.
 */
export function appUrlMatcher(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  return (candidate) => {
    const url = parseUrl(candidate);
    if (!url) return false;
    if (app.protocol === 'file:') {
      return url.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
    }
    return url.origin === app.origin;
  };
}

/** Only web links may leave the app for the system browser; never file:, smb:, javascript: and friends. */
export function isExternalWebUrl(candidate: string): boolean {
  const url = parseUrl(candidate);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:');
}

function parseUrl(candidate: string): URL | null {
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
}
