import type { ServerResponse } from 'node:http';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/**
 * The page a browser gets for a request without the right token: what went wrong and how to get
 * the address `flotilla serve` prints. Plain HTML: no scripts, no styles, nothing to load.
 */
export function unauthorizedPage(origin: string): string {
  const example = `${escapeHtml(origin)}/?token=…`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Flotilla: access token needed</title>
</head>
<body>
<h1>Flotilla needs its access token</h1>
<p>The Flotilla engine refused this link: it has no access token, or not the current one. (HTTP 401 Unauthorized)</p>
<p>Open the address that <code>flotilla serve</code> printed when it started, including its <code>?token=…</code> part. It looks like this:</p>
<pre>Flotilla engine serving at ${example}</pre>
<p>How to get it:</p>
<ul>
<li>In the terminal where <code>flotilla serve</code> is running, find the line that starts with “Flotilla engine serving at”.</li>
<li>If the engine is not running, run <code>flotilla serve</code> (or <code>flotilla serve --background</code>) and open the address it prints.</li>
</ul>
<p>Every start of the engine makes a new token, so an address from an earlier start no longer works.</p>
</body>
</html>
`;
}

/**
 * Answers a request without the right token: 401 with the page above, under a policy that allows nothing but its text.
 */
export function sendUnauthorized(response: ServerResponse, origin: string): void {
  response.writeHead(401, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'www-authenticate': 'Bearer',
  });
  response.end(unauthorizedPage(origin));
}
