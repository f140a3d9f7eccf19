// One template per message, rendered twice: every message is built as a small document (a heading,
// paragraphs, lists, links) and this module writes it as HTML and as plain text, so the two parts of
// an email (and a webhook's Slack `text`) always say the same thing.

export type Inline = string | { link: string; text: string } | { strong: string };

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; parts: Inline[] }
  | { kind: "list"; items: { title: Inline[]; lines?: string[] }[] };

export interface MessageDocument {
  /** The first line of the body and the HTML title. */
  title: string;
  blocks: Block[];
  /** Why the reader gets this, and where to change it. */
  footer: Inline[];
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === "string") return escapeHtml(p);
      if ("link" in p) return `<a href="${escapeHtml(p.link)}" style="color:#1d4ed8">${escapeHtml(p.text)}</a>`;
      return `<strong>${escapeHtml(p.strong)}</strong>`;
    })
    .join("");
}

function inlineText(parts: Inline[]): string {
  return parts.map((p) => (typeof p === "string" ? p : "link" in p ? `${p.text} <${p.link}>` : p.strong)).join("");
}

export function renderHtml(doc: MessageDocument): string {
  const body = doc.blocks
    .map((b) => {
      if (b.kind === "heading") return `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(b.text)}</h2>`;
      if (b.kind === "paragraph") return `<p style="margin:0 0 12px">${inlineHtml(b.parts)}</p>`;
      const items = b.items
        .map((i) => `<li style="margin:0 0 8px">${inlineHtml(i.title)}${(i.lines ?? []).map((l) => `<br><span style="color:#475569">${escapeHtml(l)}</span>`).join("")}</li>`)
        .join("");
      return `<ul style="margin:0 0 12px;padding-left:20px">${items}</ul>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;color:#0f172a;max-width:640px;margin:0 auto;padding:16px">
<h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(doc.title)}</h1>
${body}
<p style="margin:24px 0 0;font-size:12px;color:#64748b">${inlineHtml(doc.footer)}</p>
</body></html>`;
}

export function renderText(doc: MessageDocument): string {
  const lines: string[] = [doc.title, ""];
  for (const b of doc.blocks) {
    if (b.kind === "heading") lines.push(b.text, "-".repeat(b.text.length));
    else if (b.kind === "paragraph") lines.push(inlineText(b.parts));
    else for (const i of b.items) lines.push(`- ${inlineText(i.title)}`, ...(i.lines ?? []).map((l) => `  ${l}`));
    lines.push("");
  }
  lines.push("--", inlineText(doc.footer));
  return lines.join("\n");
}
