// The editable fields of an integration, in form order: the one table of what people read for each
// (forms, conflict notices, history) and which CSV column carries it (export, import errors).
// Client-safe.

export const INTEGRATION_FIELDS = [
  "name",
  "category",
  "ownerId",
  "vendor",
  "clientSoftware",
  "clientVersion",
  "endpointHost",
  "endpointPort",
  "sni",
  "starttls",
  "status",
  "notes",
] as const;
export type IntegrationField = (typeof INTEGRATION_FIELDS)[number];

export const FIELD_INFO: Record<IntegrationField, { label: string; column: string }> = {
  name: { label: "Name", column: "name" },
  category: { label: "Category", column: "category" },
  ownerId: { label: "Owner", column: "owner_email" },
  vendor: { label: "Vendor", column: "vendor" },
  clientSoftware: { label: "Client software", column: "client_software" },
  clientVersion: { label: "Client version", column: "client_version" },
  endpointHost: { label: "Endpoint host", column: "endpoint_host" },
  endpointPort: { label: "Port", column: "endpoint_port" },
  sni: { label: "SNI name", column: "sni" },
  starttls: { label: "STARTTLS", column: "starttls" },
  status: { label: "Status", column: "status" },
  notes: { label: "Notes", column: "notes" },
};

/** A field's label, or the key itself for anything not in the table. */
export function fieldLabel(field: string): string {
  return FIELD_INFO[field as IntegrationField]?.label ?? field;
}
