import { describe, expect, it } from "vitest";
import { checkAddress, parseAllowedRanges, PRIVATE_DEFAULTS } from "@/lib/tls-probe";

const NONE = { allowedRanges: [] as string[] };
const EVERYTHING = { allowedRanges: ["0.0.0.0/0", "::/0", ...PRIVATE_DEFAULTS] };
const PRIVATE = { allowedRanges: PRIVATE_DEFAULTS };

describe("checkAddress: always refused", () => {
  it.each([
    ["169.254.169.254", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"], // inside fc00::/7, which the allow-list covers
    ["100.100.100.200", "cloud metadata"], // inside 100.64.0.0/10, which the allow-list covers
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["169.254.0.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::ffff:169.254.169.254", "cloud metadata"], // IPv4-mapped: judged as IPv4
    ["::ffff:a9fe:a9fe", "cloud metadata"],
    ["64:ff9b::a9fe:a9fe", "cloud metadata"], // NAT64 of 169.254.169.254
    ["64:ff9b:1::a9fe:a9fe", "cloud metadata"], // local-use NAT64 (RFC 8215)
    ["2002:a9fe:a9fe::1", "cloud metadata"], // 6to4 of 169.254.169.254
    ["2001:0:4136:e378:8000:63bf:5601:5601", "cloud metadata"], // Teredo: client ~0x56015601 = 169.254.169.254
    ["2002:a9fe:0101::", "link-local"],
    ["::ffff:0.0.0.0", "unspecified"],
  ])("%s (%s), even when the policy allows everything", (address, what) => {
    const check = checkAddress(address, EVERYTHING);
    expect(check.allowed).toBe(false);
    if (!check.allowed) expect(check.reason).toContain(what);
  });
});

describe("checkAddress: private ranges need the allow-list", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.5",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "100.127.255.255",
    "::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.1.2.3",
    "2002:7f00:1::1", // 6to4 of 127.0.0.1
    "2002:c0a8:0101::", // 6to4 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:f5ff:fffe", // Teredo: client 10.0.0.1
  ])("%s is refused without it and allowed with PRIVATE_DEFAULTS", (address) => {
    const refused = checkAddress(address, NONE);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.reason).toMatch(/that the target policy does not allow; an admin can allow it in Settings$/);
    expect(checkAddress(address, PRIVATE)).toEqual({ allowed: true });
  });

  it("names the address and the range in the reason", () => {
    expect(checkAddress("10.0.0.5", NONE)).toEqual({
      allowed: false,
      reason: "10.0.0.5 is in a private range (10.0.0.0/8) that the target policy does not allow; an admin can allow it in Settings",
    });
    const mapped = checkAddress("::ffff:127.0.0.1", NONE);
    expect(mapped.allowed === false && mapped.reason).toMatch(/^::ffff:7f00:1 \(IPv4 127\.0\.0\.1\) is in the loopback range/);
  });
});

describe("checkAddress: public addresses", () => {
  it.each(["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "192.169.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8", "2002:808:808::1"])(
    "%s is allowed with an empty policy",
    (address) => {
      expect(checkAddress(address, NONE)).toEqual({ allowed: true });
    },
  );

  it("refuses what is not an IP address (names must be resolved first)", () => {
    expect(checkAddress("example.com", NONE)).toEqual({ allowed: false, reason: '"example.com" is not an IP address' });
  });
});

describe("CIDR matching of the allow-list", () => {
  const policy = { allowedRanges: ["10.1.0.0/16", "192.168.7.7", "fd00:1234::/32", "::ffff:172.20.0.0/112"] };
  it.each([
    ["10.1.0.0", true],
    ["10.1.255.255", true],
    ["10.2.0.0", false],
    ["10.0.255.255", false],
    ["192.168.7.7", true],
    ["192.168.7.8", false],
    ["fd00:1234:ffff::1", true],
    ["fd00:1235::1", false],
    ["172.20.1.2", true], // an IPv4-mapped range means the IPv4 range
    ["172.21.0.1", false],
    ["::ffff:10.1.2.3", true],
  ] as const)("%s -> %s", (address, allowed) => {
    expect(checkAddress(address, policy).allowed).toBe(allowed);
  });

  it("notices a policy edited in place", () => {
    const live = { allowedRanges: [] as string[] };
    expect(checkAddress("10.0.0.1", live).allowed).toBe(false);
    live.allowedRanges.push("10.0.0.0/8");
    expect(checkAddress("10.0.0.1", live).allowed).toBe(true);
  });

  it.each([
    ["10.0.0.0/33", /prefix length must be 0-32/],
    ["fd00::/129", /prefix length must be 0-128/],
    ["banana", /"banana" is not a CIDR range: "banana" is not an IP address/],
    ["10.0.0.0/", /prefix length/],
    ["10.0.0.0/8/8", /not an IP address/],
  ])("rejects the invalid range %s", (range, message) => {
    expect(() => parseAllowedRanges([range])).toThrow(message);
    expect(() => checkAddress("10.0.0.1", { allowedRanges: ["10.0.0.0/8", range] })).toThrow(message);
  });

  it("lets PRIVATE_DEFAULTS parse", () => {
    expect(parseAllowedRanges(PRIVATE_DEFAULTS)).toHaveLength(PRIVATE_DEFAULTS.length);
  });
});
