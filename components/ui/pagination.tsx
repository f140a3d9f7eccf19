import Link from "next/link";

/** Previous/next links that keep every other query parameter. */
export function Pagination({ page, pageSize, total, params }: { page: number; pageSize: number; total: number; params: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== "") as [string, string][]);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm" aria-label="Pagination">
      <p className="text-slate-600">
        {first}–{last} of {total}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50" href={href(page - 1)} rel="prev">
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50" href={href(page + 1)} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
