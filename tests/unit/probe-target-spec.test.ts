import { describe, expect, it } from "vitest";
import { parseTargetLine, parseTargetSpec } from "@/lib/tls-probe";

describe("parseTargetSpec", () => {
  it.each([
    ["example.com", { host: "example.com", port: 443 }],
    ["Example.COM:8443", { host: "example.com", port: 8443 }],
    ["  api.example.com:443  ", { host: "api.example.com", port: 443 }],
    ["localhost", { host: "localhost", port: 443 }],
    ["10.0.0.5:25", { host: "10.0.0.5", port: 25 }],
    ["[::1]:8443", { host: "::1", port: 8443 }],
    ["[2001:db8::1]", { host: "2001:db8::1", port: 443 }],
    ["2001:db8::1", { host: "2001:db8::1", port: 443 }],
    ["internal_host.corp:443", { host: "internal_host.corp", port: 443 }],
    ["example.com.", { host: "example.com.", port: 443 }],
    ["bücher.example:8443", { host: "xn--bcher-kva.example", port: 8443 }], // IDN: DNS and SNI carry punycode
  ])("%s", (spec, expected) => {
    expect(parseTargetSpec(spec)).toEqual(expected);
  });

  it.each([
    ["", /target is empty/],
    ["example.com:0", /port "0" is not a number from 1 to 65535/],
    ["example.com:65536", /port "65536"/],
    ["example.com:http", /port "http"/],
    ["example.com:", /port ""/],
    ["https://example.com/login", /looks like a URL: give host\[:port\], e\.g\. "example\.com"/],
    ["exa mple.com", /contains a space/],
    ["example..com", /empty label/],
    ["-bad-.example", /bad label "-bad-"/],
    ["[::1", /bracketed IPv6 address/],
    ["[example.com]:443", /not an IPv6 address/],
    ["2001:db8::zz:443", /must be bracketed/],
    ["a".repeat(254), /longer than 253/],
  ])("rejects %j", (spec, message) => {
    expect(() => parseTargetSpec(spec)).toThrow(message);
  });
});

describe("parseTargetLine", () => {
  it("reads options and skips blanks and comments", () => {
    expect(parseTargetLine("   ")).toBeNull();
    expect(parseTargetLine("# a comment")).toBeNull();
    expect(parseTargetLine("mail.example.com starttls=smtp  # relay")).toEqual({ host: "mail.example.com", port: 25, starttls: "smtp" });
    expect(parseTargetLine("10.0.0.5:8443 sni=api.example.com")).toEqual({ host: "10.0.0.5", port: 8443, starttls: "none", sni: "api.example.com" });
    expect(parseTargetLine("example.com:587 starttls=smtp sni=none")).toEqual({ host: "example.com", port: 587, starttls: "smtp", sni: null });
  });

  it.each([
    ["example.com colour=blue", /unknown option "colour"/],
    ["example.com starttls=imap", /only "smtp" is supported/],
    ["example.com sni=10.0.0.1", /is an IP address/],
    ["example.com junk", /"junk" is not an option/],
  ])("rejects %j", (line, message) => {
    expect(() => parseTargetLine(line)).toThrow(message);
  });
});

describe("probeTarget input validation", () => {
  it("rejects (does not resolve) a target or options that are programming errors", async () => {
    const { probeTarget } = await import("@/lib/tls-probe");
    const policy = { allowedRanges: [] };
    await expect(probeTarget({ host: "example.com", port: 0 }, { policy })).rejects.toThrow(/port 0/);
    await expect(probeTarget({ host: "exa mple.com", port: 443 }, { policy })).rejects.toThrow(/not a valid host name/);
    await expect(probeTarget({ host: "example.com", port: 443 }, { policy, timeoutMs: 1e12 })).rejects.toThrow(/timeoutMs must be/);
    await expect(probeTarget({ host: "example.com", port: 443 }, { policy: { allowedRanges: ["nope"] } })).rejects.toThrow(/not a CIDR range/);
    await expect(probeTarget({ host: "example.com", port: 443 }, { policy, caBundle: "not a pem" })).rejects.toThrow(/no PEM certificate/);
    await expect(probeTarget({ host: "example.com", port: 443 }, { policy, floor: "SSLv3" as never })).rejects.toThrow(/floor must be one of/);
  });
});
