/** Where the page keeps its token once it has left the address bar. */
export const tokenStorageKey = 'flotilla.token';

/** The parts of `window` the token handling touches. */
export interface TokenPage {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * Takes the access token from `?token=` (keeping it in sessionStorage and removing it from the
 * address bar, so it is not bookmarked or shared by accident), or from sessionStorage after a reload.
 */
export function takePageToken(page: TokenPage): string | null {
  const url = new URL(page.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    page.sessionStorage.setItem(tokenStorageKey, fromQuery);
    url.searchParams.delete('token');
    page.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromQuery;
  }
  return page.sessionStorage.getItem(tokenStorageKey);
}
