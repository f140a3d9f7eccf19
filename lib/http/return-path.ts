/**
 * Where to go after signing in. Only a path on this site is accepted (an absolute or
 * protocol-relative URL could send a freshly signed-in user to another site).
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/login") || value.startsWith("/api/")) return "/";
  return value;
}
