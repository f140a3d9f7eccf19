import { Field, Select } from "@/components/ui/field";
import { TLS_VERSIONS, displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";

/** The campaign's floor protocol, as the new-campaign and campaign-settings forms ask for it. */
export function FloorField({ id, defaultValue, error }: { id: string; defaultValue: TlsVersionName; error?: string }) {
  return (
    <Field label="Floor protocol" htmlFor={id} hint="The oldest version endpoints may still negotiate after the cutoff." error={error}>
      <Select id={id} name="floor" defaultValue={defaultValue}>
        {TLS_VERSIONS.map((v) => (
          <option key={v} value={v}>
            {displayVersion(v)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
