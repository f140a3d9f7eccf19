/**
 * Where to go after signing in. Only a path on this site is accepted: an absolute URL, a
 * protocol-relative one, or one that browsers would turn into either (a backslash, or a tab or
 * newline that URL parsing drops, as in "/\t/evil.example") could send a freshly signed-in user
 * to another site.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, "http://board.invalid");
  } catch {
    return "/";
  }
  if (url.origin !== "http://board.invalid") return "/";
  const path = url.pathname + url.search + url.hash;
  if (path.startsWith("//") || path.startsWith("/login") || path.startsWith("/api/")) return "/";
  return path;
}
