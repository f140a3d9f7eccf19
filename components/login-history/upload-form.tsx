"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { TableHead } from "@/components/ui/table";
import { formatInstant } from "@/lib/format";
import type { Jsonified } from "@/lib/http/json";
import type { Preview } from "@/lib/login-history/preview";

const PREVIEW_BYTES = 256 * 1024;
const ORDERS = [
  { value: "mdy", label: "Month/day/year (3/4/2017 is 4 March)" },
  { value: "dmy", label: "Day/month/year (3/4/2017 is 3 April)" },
  { value: "ymd", label: "Year/month/day" },
];

function contentType(file: File): string {
  return file.name.endsWith(".gz") || file.type.includes("gzip") ? "application/gzip" : "text/csv";
}

async function problemOf(res: Response): Promise<string> {
  const body = await res.json().catch(() => null);
  return body?.error?.message ?? `The server answered ${res.status}.`;
}

/**
 * Upload a Login History export: choose the file, say its time zone and date order when the file
 * does not, check the first rows as they will be read, then import.
 */
export function UploadForm({ zones }: { zones: string[] }) {
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [timeZone, setTimeZone] = useState("UTC");
  const [dateOrder, setDateOrder] = useState("mdy");
  const [preview, setPreview] = useState<Jsonified<Preview> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, setState] = useState<"idle" | "previewing" | "uploading">("idle");
  const [done, setDone] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const query = (zone: string, order: string) => `timeZone=${encodeURIComponent(zone)}&dateOrder=${order}`;

  /** Reads the first rows as the import will (again whenever the file, zone or order changes). */
  async function runPreview(next: File | null, zone: string, order: string) {
    setPreview(null);
    setProblem(null);
    if (!next) return;
    setState("previewing");
    try {
      const res = await fetch(`/api/v1/login-history/preview?${query(zone, order)}`, {
        method: "POST",
        body: next.slice(0, PREVIEW_BYTES),
        headers: { "content-type": contentType(next) },
      });
      if (res.ok) setPreview(await res.json());
      else setProblem(await problemOf(res));
    } catch {
      setProblem("Could not reach the server to read the file; check the connection and try again.");
    } finally {
      setState("idle");
    }
  }

  /** Sends the file with XMLHttpRequest, which reports how much of it has gone. */
  function send(url: string, body: File): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("content-type", contentType(body));
      xhr.upload.onprogress = (e) => e.lengthComputable && setSent(Math.round((e.loaded / e.total) * 100));
      xhr.onload = () => {
        let json: unknown = null;
        try {
          json = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: the status says enough
        }
        resolve({ status: xhr.status, json });
      };
      xhr.onerror = () => reject(new Error("network"));
      xhr.send(body);
    });
  }

  async function upload() {
    if (!file) return;
    setState("uploading");
    setSent(0);
    setProblem(null);
    try {
      const res = await send(`/api/v1/login-history/imports?${query(timeZone, dateOrder)}&fileName=${encodeURIComponent(file.name)}`, file);
      if (res.status !== 202) {
        setProblem((res.json as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${res.status}.`);
      } else {
        setDone(`“${file.name}” is uploaded and queued; its progress is shown below.`);
        setFile(null);
        setPreview(null);
        // The chooser would still name the file just sent, as if it were waiting to go.
        if (fileInput.current) fileInput.current.value = "";
        router.refresh();
      }
    } catch {
      setProblem("The upload did not reach the server; check the connection and try again.");
    } finally {
      setState("idle");
    }
  }

  return (
    <form
      className="space-y-4"
      aria-label="Upload a Login History export"
      onSubmit={(e) => {
        e.preventDefault();
        void upload();
      }}
    >
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Login History export (CSV, or gzipped CSV)" htmlFor={`${id}-file`} hint="Setup → Login History → Download, or an API extract with the TLS Protocol field.">
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            accept=".csv,.gz,text/csv,application/gzip"
            className="block w-full text-sm"
            onChange={(e) => {
              const next = e.currentTarget.files?.[0] ?? null;
              setDone(null);
              setFile(next);
              void runPreview(next, timeZone, dateOrder);
            }}
          />
        </Field>
        <Field label="Time zone of the export" htmlFor={`${id}-zone`} hint="Used for times that do not say their zone.">
          <Select id={`${id}-zone`} value={timeZone} onChange={(e) => {
              setTimeZone(e.currentTarget.value);
              void runPreview(file, e.currentTarget.value, dateOrder);
            }}>
            {zones.map((z) => (
              <option key={z}>{z}</option>
            ))}
          </Select>
        </Field>
        <Field label="Date order" htmlFor={`${id}-order`} hint="How a date such as 3/4/2017 is read.">
          <Select id={`${id}-order`} value={dateOrder} onChange={(e) => {
              setDateOrder(e.currentTarget.value);
              void runPreview(file, timeZone, e.currentTarget.value);
            }}>
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {done ? <Alert kind="success">{done}</Alert> : null}
      {state === "previewing" ? <p role="status" className="text-sm text-slate-600">Reading the first rows…</p> : null}
      {preview ? <PreviewTable preview={preview} /> : null}
      <Button type="submit" disabled={!file || !preview || state !== "idle"}>
        {state === "uploading" ? `Uploading… ${sent}%` : "Import"}
      </Button>
    </form>
  );
}

function PreviewTable({ preview }: { preview: Jsonified<Preview> }) {
  return (
    <section aria-label="Preview of the first rows" className="space-y-2">
      <p className="text-sm text-slate-700">
        The first rows as they will be read (nothing is stored until you choose Import).
        {preview.zoneInFile ? " The times carry their own zone, so the time zone above does not change them." : ""}
        {preview.ambiguousDates ? " Some dates read differently as month/day and day/month: check the date order." : ""}
      </p>
      {preview.laterThanNow ? (
        <Alert kind="warning">
          {preview.laterThanNow === 1 ? "One of these logins reads" : `${preview.laterThanNow} of these logins read`} as later than now, which an
          export cannot hold: check the date order and the time zone before importing.
        </Alert>
      ) : null}
      <div className="overflow-x-auto rounded border border-slate-200">
        <table className="w-full text-xs">
          <TableHead columns={["Line", "Username", "Login time as written", "Read as", "Application", "TLS"]} />
          <tbody className="divide-y divide-slate-100">
            {preview.rows.map((r) => (
              <tr key={r.line}>
                <td className="px-5 py-1.5 tabular-nums">{r.line}</td>
                <td className="px-3 py-1.5">{r.username}</td>
                <td className="px-3 py-1.5">{r.rawTime}</td>
                <td className="px-3 py-1.5">{formatInstant(r.loginAt)}</td>
                <td className="px-3 py-1.5">{r.application || r.browser || "—"}</td>
                <td className="px-3 py-1.5">{r.tlsProtocol}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.errors.length ? (
        <Alert kind="warning" title="Rows that will not be imported">
          <ul>
            {preview.errors.map((e) => (
              <li key={e.line}>
                Line {e.line}: {e.reason}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </section>
  );
}
