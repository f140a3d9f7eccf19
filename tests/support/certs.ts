// Test-side entry to the generated test PKI (the code lives in lib/tls-probe/testing so that the demo
// and the benchmark can import it without reaching into tests/).
export * from "@/lib/tls-probe/testing/certs";
