// The Content-Security-Policy of every page (proxy.ts adds it per request). Scripts run only with
// this response's nonce, which Next puts on its own inline and bundled scripts; anything injected
// into a page (a stored value that slipped through as markup) has no nonce and does not run.
// Styles may be inline: React renders `style` attributes (charts, the virtualised table), which
// nonces cannot cover, and a style cannot run code.

/** 128 random bits, base64: unguessable, and fresh for every response. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': a script with the nonce may load the chunks it needs; hosts lists are ignored.
    // Development only: React rebuilds server error stacks with eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
