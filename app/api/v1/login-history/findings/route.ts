import { apiRoute } from "@/lib/http/api";
import { listFindings } from "@/lib/login-history/findings";
import { findingsQuery } from "@/lib/login-history/schemas";
import type { TlsProtocol } from "@/lib/login-history/values";

/** `?by=client|user&protocol=TLSv1&page=&pageSize=`: `{ data, page, pageSize, total }`, most TLS 1.0 logins first. */
export const GET = apiRoute({ permission: "loginHistory.read", query: findingsQuery }, async ({ actor, query }) =>
  listFindings(actor, { ...query, protocol: query.protocol as TlsProtocol | undefined }),
);
