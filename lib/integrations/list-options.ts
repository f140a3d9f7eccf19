// The inventory list's sort keys and page sizes: plain constants the browser's table and toolbar
// need, kept apart from the schemas (which use the probe's Node-only host parser).
export const SORTABLE = ["name", "category", "status", "verdict", "owner", "vendor", "endpointHost", "updatedAt", "createdAt"] as const;
export type SortKey = (typeof SORTABLE)[number];
export const PAGE_SIZES = [25, 50, 100, 250, 500] as const;
