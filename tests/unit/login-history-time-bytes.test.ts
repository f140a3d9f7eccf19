// Login times read from bytes (the import's reader) must be parseLoginMs's, or leave the row to it.
import { describe, expect, it } from "vitest";
import { LoginTimes } from "@/lib/login-history/time-bytes";
import { parseLoginMs, type DateOrder, type TimeOptions } from "@/lib/login-history/values";

const dates = ["2/10/2017", "02/10/2017", "10/2/2017", "31/12/2016", "12/31/16", "2017/2/10", "2017-02-10", "2017.2.29", "2016.2.29", "2/30/2017", "1/2/17", "1/2/217", "13/13/2017", "0/1/2017", "99999/1/1", "1/123/2017", "1-2-2017", "1/2/0099", "0099/1/2"];
const clocks = ["9:15", "09:15", "9:15:30", "23:59", "24:00", "12:60", "0:00", "12:00", "9:5", "9:15:3", "123:00"];
const suffixes = ["", " AM", " PM", "PM", " am", " pm", " A", " PST", " +01:00", " Z", " AM PST", " PMX", ","];
const isoTimes = [
  "2017-02-10T09:15", "2017-02-10 09:15", "2017-02-10T09:15:00", "2017-02-10T09:15:00Z", "2017-02-10T09:15:00z", "2017-02-10T09:15:00.250Z",
  "2017-02-10T09:15:00,5+0100", "2017-02-10T09:15:00.123456Z", "2017-02-10T09:15:00.000+0000", "2017-02-10T09:15:00-05:30", "2017-02-10T09:15:00 Z",
  "2017-02-10T09:15:00+01", "2017-02-10T09:15:00PST", "2017-02-10T09:15:00 GMT", "2017-02-10 09:15 PM", "2017-02-10T25:15:00Z", "2017-02-30T09:15:00Z",
  "2017-02-10T09:15:00.Z", "2017-02-10T09:15:0Z", "2017-02-10T09:15:00+0100x", "2017-02-10 9:15", "2017-02-10T9:15", "2017-02-10T09:15:00.1", "2017-02-10T09:15:00.12", "0099-01-02T09:15:00Z", "0099-01-02 09:15",
];
const shapes = [...dates.flatMap((d) => clocks.flatMap((t) => suffixes.map((z) => `${d} ${t}${z}`))), ...dates.map((d) => `${d}, 9:15 AM`), ...dates.map((d) => `${d}  9:15`), ...isoTimes];
const options: TimeOptions[] = (["mdy", "dmy", "ymd"] as DateOrder[]).flatMap((dateOrder) => ["UTC", "America/New_York", "Europe/Berlin"].map((timeZone) => ({ timeZone, dateOrder })));

describe("login times read from bytes", () => {
  it("give parseLoginMs's time, or NaN for the string way, for every shape, order and zone", () => {
    let read = 0;
    for (const opts of options) {
      const times = new LoginTimes(opts);
      for (const raw of shapes) {
        const bytes = Buffer.from(`,${raw},`);
        // Twice: the second from the remembered day.
        for (let i = 0; i < 2; i++) {
          const ms = times.read(bytes, 1, bytes.length - 1);
          if (Number.isNaN(ms)) continue;
          read++;
          expect(ms, `${raw} (${opts.dateOrder}, ${opts.timeZone})`).toBe(parseLoginMs(raw, opts));
        }
      }
    }
    // The fast way must actually be taken for the shapes exports carry.
    expect(read).toBeGreaterThan(1000);
  });

  it("read the shapes exports carry row after row without the string way", () => {
    const times = new LoginTimes({ timeZone: "America/Los_Angeles", dateOrder: "mdy" });
    const read = (raw: string) => times.read(Buffer.from(raw), 0, raw.length);
    expect(new Date(read("2/19/2017 4:59 PM")).toISOString()).toBe("2017-02-20T00:59:00.000Z");
    expect(new Date(read("3/12/2017 3:30 AM")).toISOString()).toBe(new Date(parseLoginMs("3/12/2017 3:30 AM", { timeZone: "America/Los_Angeles", dateOrder: "mdy" })!).toISOString());
    expect(new Date(read("2017-02-19T16:59:00.000+0000")).toISOString()).toBe("2017-02-19T16:59:00.000Z");
    expect(new Date(read("2017-02-19T16:59:00Z")).toISOString()).toBe("2017-02-19T16:59:00.000Z");
    expect(new Date(read("2017-02-19 16:59:07")).toISOString()).toBe("2017-02-20T00:59:07.000Z");
    expect(read("2017-02-19T16:59:00 PST")).toBeNaN();
    expect(read("yesterday")).toBeNaN();
  });

  it("read every fraction of a second of up to three digits as parseLoginMs does", () => {
    const opts: TimeOptions = { timeZone: "UTC", dateOrder: "mdy" };
    const times = new LoginTimes(opts);
    for (const digits of [1, 2, 3]) {
      for (let n = 0; n < 10 ** digits; n++) {
        const raw = `2017-02-10T09:15:00.${String(n).padStart(digits, "0")}Z`;
        expect(times.read(Buffer.from(raw), 0, raw.length)).toBe(parseLoginMs(raw, opts));
      }
    }
  });
});
