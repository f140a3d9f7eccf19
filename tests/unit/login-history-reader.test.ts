import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readLogins, type LoginRow, type RowError } from "@/lib/login-history/reader";
import { readLoginsAsCopy } from "@/lib/login-history/copy-reader";
import { LOGIN_COLUMNS } from "@/lib/login-history/copy-binary";
import { decodeCopyRows } from "../support/copy-binary";
import { ExportFormatError } from "@/lib/login-history/columns";
import { carriesZone, normaliseTls, parseLoginTime, type TimeOptions } from "@/lib/login-history/values";

const UTC: TimeOptions = { timeZone: "UTC", dateOrder: "mdy" };

async function* chunks(data: string | Buffer, size = 7): AsyncGenerator<Uint8Array> {
  const buf = typeof data === "string" ? Buffer.from(data) : data;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function readAll(data: string | Buffer, opts = UTC, size?: number) {
  const rows: LoginRow[] = [];
  const errors: RowError[] = [];
  let rowsRead = 0;
  for await (const b of readLogins(chunks(data, size), { ...opts, batchSize: 2 })) {
    rows.push(...b.rows);
    errors.push(...b.errors);
    rowsRead = b.rowsRead;
  }
  return { rows, errors, rowsRead };
}

const HEADER = "Username,Login Time,Source IP,Login Type,Status,Browser,Platform,Application,Client Version,API Type,API Version,Login URL,TLS Protocol,TLS Cipher Suite";

describe("reading a Login History export", () => {
  it("reads a plain export with a BOM, CRLF, blank lines and quoted fields with commas and line breaks", async () => {
    const text =
      "\ufeff" +
      `${HEADER}\r\n` +
      `ann@example.com,2/10/2017 9:15 AM,10.0.0.1,Application,Success,IE 10,Windows 7,Browser,N/A,N/A,N/A,login.salesforce.com,TLS 1.0,ECDHE-RSA-AES256-SHA\r\n` +
      `\r\n` +
      `"bob, the builder@example.com","2/10/2017 1:05 PM",10.0.0.2,Other Apex API,"Failed: Login over
insecure channel",,,"Data Loader",36.0,SOAP Partner,36.0,login.salesforce.com,TLSv1,\r\n` +
      `carl@example.com,2017-02-11T08:00:00Z,10.0.0.3,Remote Access 2.0,Success,,,Outlook,2.9.3,N/A,,,TLSv1.2,\r\n`;
    const { rows, errors, rowsRead } = await readAll(text);
    expect(errors).toEqual([]);
    expect(rowsRead).toBe(3);
    expect(rows.map((r) => [r.line, r.username, r.loginAt.toISOString(), r.tlsProtocol, r.application])).toEqual([
      [2, "ann@example.com", "2017-02-10T09:15:00.000Z", "TLSv1", "Browser"],
      [4, "bob, the builder@example.com", "2017-02-10T13:05:00.000Z", "TLSv1", "Data Loader"],
      [6, "carl@example.com", "2017-02-11T08:00:00.000Z", "TLSv1.2", "Outlook"],
    ]);
    expect(rows[1].status).toBe("Failed: Login over\ninsecure channel");
    expect(rows[0].browser).toBe("IE 10");
  });

  it("finds columns by name in any order, with the synonyms API extracts use, and ignores unknown ones", async () => {
    const text = "Id,TlsProtocol,SourceIp,LoginTime,Username,CipherSuite,ApiType,ClientVersion\n001,TLSv1.1,1.2.3.4,2017-01-05T10:00:00.000+0000,dora@example.com,AES128,SOAP Enterprise,7u80\n";
    const { rows } = await readAll(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: "dora@example.com", sourceIp: "1.2.3.4", tlsProtocol: "TLSv1.1", cipherSuite: "AES128", apiType: "SOAP Enterprise", clientVersion: "7u80", application: "" });
    expect(rows[0].loginAt.toISOString()).toBe("2017-01-05T10:00:00.000Z");
  });

  it("reads the same export gzipped", async () => {
    const text = `${HEADER}\nann@example.com,2/10/2017 9:15 AM,10.0.0.1,Application,Success,IE 10,Windows 7,Browser,N/A,N/A,N/A,login.salesforce.com,TLS 1.0,\n`;
    const { rows } = await readAll(gzipSync(Buffer.from(text)), UTC, 1);
    expect(rows.map((r) => r.username)).toEqual(["ann@example.com"]);
  });

  it("refuses a file without a TLS protocol column, saying Salesforce added it in Summer ’16", async () => {
    const err = await readAll("Username,Login Time,Status\na@example.com,2017-01-01T00:00:00Z,Success\n").catch((e) => e);
    expect(err).toBeInstanceOf(ExportFormatError);
    expect(err.message).toContain("no TLS Protocol column");
    expect(err.message).toContain("Summer ’16");
  });

  it("refuses a file that is not a CSV (a spreadsheet or an image) as such, not for a missing column", async () => {
    const xlsx = Buffer.concat([Buffer.from("PK\u0003\u0004\u0014\u0000\u0006\u0000", "latin1"), Buffer.from("[Content_Types].xml"), Buffer.alloc(64, 7)]);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 0)]);
    for (const file of [xlsx, png]) {
      const err = await readAll(file).catch((e) => e);
      expect(err).toBeInstanceOf(ExportFormatError);
      expect(err.message).toMatch(/^The file is not a CSV export: its first line holds binary data/);
    }
    // The import's own reader refuses it the same way.
    const viaCopy = async () => {
      for await (const batch of readLoginsAsCopy(chunks(xlsx), { ...UTC, importId: IMPORT_ID })) void batch;
    };
    await expect(viaCopy()).rejects.toThrow(/not a CSV export/);
  });

  it("refuses an empty file, a file without the username column, and broken gzip", async () => {
    await expect(readAll("")).rejects.toThrow(/empty/);
    await expect(readAll("Login Time,TLS Protocol\n2017-01-01T00:00:00Z,TLSv1\n")).rejects.toThrow(/no Username column/);
    const broken = gzipSync(Buffer.from(`${HEADER}\n`.repeat(50))).subarray(0, 30);
    await expect(readAll(broken)).rejects.toThrow(/cannot be unpacked/);
  });

  it("counts and lists unreadable rows by line with a reason, and keeps reading", async () => {
    const text = [
      "Username,Login Time,TLS Protocol",
      "a@example.com,2017-01-01T00:00:00Z,TLSv1",
      ",2017-01-01T00:00:00Z,TLSv1",
      "b@example.com,yesterday,TLSv1",
      "c@example.com,2017-01-01T00:00:00Z,SSLv3",
      "d@example.com,2017-01-01T00:00:00Z",
      "e@example.com,13/45/2017 10:00,TLSv1.2",
      `${"x".repeat(300)},2017-01-01T00:00:00Z,TLSv1`,
      "f@example.com,2017-01-02T00:00:00Z,TLSv1.2",
    ].join("\n");
    const { rows, errors, rowsRead } = await readAll(text);
    expect(rowsRead).toBe(8);
    expect(rows.map((r) => r.username)).toEqual(["a@example.com", "f@example.com"]);
    expect(errors).toEqual([
      { line: 3, reason: "has no Username" },
      { line: 4, reason: expect.stringContaining("Login Time “yesterday” is not a date and time") },
      { line: 5, reason: expect.stringContaining("TLS Protocol “SSLv3” is not TLS 1.0") },
      { line: 6, reason: "has 2 fields; the header has 3" },
      { line: 7, reason: expect.stringContaining("Login Time “13/45/2017 10:00”") },
      { line: 8, reason: "Username is longer than 255 characters" },
    ]);
  });

  it("reports a row with broken quoting as not valid CSV", async () => {
    const { rows, errors } = await readAll('Username,Login Time,TLS Protocol\na@example.com,2017-01-01T00:00:00Z,TLSv1\n"b@example.com"x,2017-01-01T00:00:00Z,TLSv1\n');
    expect(rows.map((r) => r.username)).toEqual(["a@example.com"]);
    expect(errors[0]).toEqual({ line: 3, reason: "is not valid CSV (Invalid Closing Quote)" });
  });
});

const IMPORT_ID = "6b1e1a52-0a1b-4c2d-8e3f-000000000001";
/** A decoded COPY row (LOGIN_COLUMNS order) in the order readLogins' fields are listed here. */
const FIELD_ORDER = ["import_id", "username", "login_at", "source_ip", "login_type", "status", "browser", "platform", "application", "client_version", "api_type", "api_version", "login_url", "tls_protocol", "cipher_suite"] as const;
const inFieldOrder = (row: string[]) => FIELD_ORDER.map((column) => row[LOGIN_COLUMNS.indexOf(column)]);

describe("the import's COPY path", () => {
  // The import writes COPY rows straight from the bytes; it must read exactly what readLogins reads.
  it("gives the same logins (as binary COPY rows), the same errors with their lines, and the time range", async () => {
    const text = [
      HEADER,
      `ann@example.com,2/10/2017 9:15 AM,10.0.0.1,Application,Success,IE 10,Windows 7,Browser,N/A,N/A,N/A,login.salesforce.com,TLS 1.0,ECDHE-RSA-AES256-SHA`,
      `ann@example.com,2/10/2017 9:15 AM,10.0.0.9,Application,Success,IE 10,Windows 7,Browser,N/A,N/A,N/A,login.salesforce.com,1.2,`,
      `,2/10/2017 9:16 AM,10.0.0.1,Application,Success,IE 10,Windows 7,Browser,N/A,N/A,N/A,login.salesforce.com,TLS 1.0,`,
      `"tab\tback\\slash@example.com","2017-02-09T08:00:00+01:00",10.0.0.2,Other Apex API,"Failed: Login over
insecure channel",,,"Data Loader",36.0,SOAP Partner,36.0,login.salesforce.com,TLSv1,`,
      `bob@example.com,2/11/2017 10:00 PM,10.0.0.3,Application,Success,,,Outlook,2.9.3,N/A,,,SSLv3,`,
      `carl@example.com,2/12/2017 7:00 AM,10.0.0.3,Application,${"z".repeat(1200)},,,Outlook,2.9.3,N/A,,,Unknown,`,
      // Not plain ASCII, or quoted with doubled quotes, or holding NUL: these values go the string way.
      `"zoë@exämple.com","2/12/2017 8:00 AM","10.0.0.4","Appli""cation","Succès","\u00a0Chrome 56\u00a0","Win\0dows","Outlook ""2016""","1.0","N/A","","C:\\path\tx","TLS 1.2","  AES128-SHA  "`,
      `dan@example.com,2/12/2017 9:00 AM,10.0.0.5,  Application ,Success,,,Browser,,,,${"é".repeat(1100)},TLS 1.2,`,
      `old@example.com,12/31/1969 11:59 PM,10.0.0.6,Application,Success,,,Browser,,,,,TLS 1.0,`,
      // The first login again: set aside as a possible repeat, not dropped.
      `ann@example.com,2/10/2017 9:15 AM,10.0.0.1,Application,Success,IE 10,Windows 7,Browser,N/A,N/A,N/A,login.salesforce.com,TLS 1.0,ECDHE-RSA-AES256-SHA`,
    ].join("\r\n");
    const expected = await readAll(text);
    const copy: string[][] = [];
    const repeats: string[][] = [];
    const errors: RowError[] = [];
    let rowsRead = 0;
    let logins = 0;
    let from: number | null = null;
    let to: number | null = null;
    for await (const b of readLoginsAsCopy(chunks(text, 5), { ...UTC, importId: IMPORT_ID })) {
      copy.push(...decodeCopyRows(b.copy).map(inFieldOrder));
      repeats.push(...decodeCopyRows(b.repeats).map(inFieldOrder));
      errors.push(...b.errors);
      rowsRead = b.rowsRead;
      logins += b.logins + b.repeatCount;
      if (b.from !== null) from = Math.min(from ?? b.from, b.from);
      if (b.to !== null) to = Math.max(to ?? b.to, b.to);
    }
    expect(rowsRead).toBe(expected.rowsRead);
    expect(errors).toEqual(expected.errors);
    expect(errors.map((e) => e.line)).toEqual([4, 7]);
    expect(logins).toBe(expected.rows.length);
    expect(repeats).toHaveLength(1);
    const lines = [...copy, ...repeats];
    expect(lines).toEqual(
      expected.rows.map((r) => [
        IMPORT_ID, r.username, r.loginAt.toISOString(), r.sourceIp, r.loginType, r.status, r.browser, r.platform, r.application,
        r.clientVersion, r.apiType, r.apiVersion, r.loginUrl, r.tlsProtocol, r.cipherSuite,
      ]),
    );
    expect(lines[2][1]).toBe("tab\tback\\slash@example.com");
    expect(lines[2][5]).toBe("Failed: Login over\ninsecure channel");
    expect(lines[3][5]).toHaveLength(1000);
    expect(new Date(from!).toISOString()).toBe("1969-12-31T23:59:00.000Z");
    expect(lines[6][2]).toBe("1969-12-31T23:59:00.000Z");
    expect(new Date(to!).toISOString()).toBe("2017-02-12T09:00:00.000Z");
    expect(lines[4].slice(1, 7)).toEqual(["zoë@exämple.com", "2017-02-12T08:00:00.000Z", "10.0.0.4", 'Appli"cation', "Succès", "Chrome 56"]);
    expect(lines[4].slice(7)).toEqual(["Windows", 'Outlook "2016"', "1.0", "N/A", "", "C:\\path\tx", "TLSv1.2", "AES128-SHA"]);
    expect(lines[5][4]).toBe("Application");
    expect(lines[5][12]).toBe("é".repeat(1000));
  });
});

describe("the CSV records", () => {
  it("keep doubled quotes, quoted line breaks and exact line numbers across chunks", async () => {
    const text = 'Username,Login Time,TLS Protocol\r\n"a ""quoted"" user",2017-01-01T00:00:00Z,TLSv1\r\n"b\r\n\r\nc",2017-01-01T00:00:00Z,TLSv1\r\n\r\nd,2017-01-01T00:00:00Z,"TLSv1.2"';
    for (const size of [1, 3, 1000]) {
      const { rows, errors } = await readAll(text, UTC, size);
      expect(errors).toEqual([]);
      expect(rows.map((r) => [r.line, r.username, r.tlsProtocol])).toEqual([
        [2, 'a "quoted" user', "TLSv1"],
        [3, "b\r\n\r\nc", "TLSv1"],
        [7, "d", "TLSv1.2"],
      ]);
    }
  });

  it("give up on a quote that never closes after a bounded stretch, and read on", async () => {
    const good = "x@example.com,2017-01-01T00:00:00Z,TLSv1\n";
    const text = `Username,Login Time,TLS Protocol\n"broken,2017-01-01T00:00:00Z,TLSv1\n${good.repeat(30_000)}`;
    const { rows, errors } = await readAll(text, UTC, 64 * 1024);
    expect(errors[0]).toEqual({ line: 2, reason: "is not valid CSV (Quote Not Closed)" });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].line).toBeGreaterThan(2);
  });
});

describe("TLS values", () => {
  it("are one value whatever the spelling", () => {
    for (const v of ["TLS 1.0", "TLSv1", "TLSv1.0", "1.0", "tls1.0", " TLS v1 "]) expect(normaliseTls(v), v).toBe("TLSv1");
    for (const v of ["TLS 1.1", "TLSv1.1", "1.1"]) expect(normaliseTls(v), v).toBe("TLSv1.1");
    for (const v of ["TLS 1.2", "TLSv1.2", "1.2"]) expect(normaliseTls(v), v).toBe("TLSv1.2");
    for (const v of ["TLS 1.3", "TLSv1.3", "1.3"]) expect(normaliseTls(v), v).toBe("TLSv1.3");
    for (const v of ["", "N/A", "Unknown", "unknown"]) expect(normaliseTls(v), v).toBe("unknown");
    for (const v of ["SSLv3", "TLS 2.0", "1.4"]) expect(normaliseTls(v), v).toBeNull();
  });
});

describe("login times", () => {
  const at = (raw: string, opts: Partial<typeof UTC> = {}) => parseLoginTime(raw, { ...UTC, ...opts })?.toISOString() ?? null;

  it("read ISO 8601 with and without a zone", () => {
    expect(at("2017-02-10T09:15:00Z")).toBe("2017-02-10T09:15:00.000Z");
    expect(at("2017-02-10T09:15:00.250+0100")).toBe("2017-02-10T08:15:00.250Z");
    expect(at("2017-02-10 09:15:00", { timeZone: "America/New_York" })).toBe("2017-02-10T14:15:00.000Z");
  });

  it("read M/d/yyyy h:mm a and dd/MM/yyyy HH:mm by the date order asked for", () => {
    expect(at("3/4/2017 9:05 PM")).toBe("2017-03-04T21:05:00.000Z");
    expect(at("3/4/2017 12:05 AM")).toBe("2017-03-04T00:05:00.000Z");
    expect(at("03/04/2017 21:05", { dateOrder: "dmy" })).toBe("2017-04-03T21:05:00.000Z");
    expect(at("2017/04/03 21:05:10")).toBe("2017-04-03T21:05:10.000Z");
  });

  it("follow a zone suffix over the zone asked for, and the zone's daylight saving otherwise", () => {
    expect(at("2/10/2017 9:15 AM PST", { timeZone: "Europe/Paris" })).toBe("2017-02-10T17:15:00.000Z");
    expect(at("10/02/2017 09:15 GMT", { dateOrder: "dmy", timeZone: "Europe/Paris" })).toBe("2017-02-10T09:15:00.000Z");
    expect(at("7/10/2016 9:15 AM", { timeZone: "Europe/Paris" })).toBe("2016-07-10T07:15:00.000Z");
    expect(at("1/10/2017 9:15 AM", { timeZone: "Europe/Paris" })).toBe("2017-01-10T08:15:00.000Z");
    expect(carriesZone("2/10/2017 9:15 AM PST")).toBe(true);
    expect(carriesZone("2/10/2017 9:15 AM")).toBe(false);
  });

  it("refuse what is not a time", () => {
    for (const v of ["", "yesterday", "2/30/2017 10:00", "2/10/2017 13:00 PM", "2/10/2017 9:15 AM XYZW", "2017-02-10"]) expect(at(v), v).toBeNull();
  });
});
