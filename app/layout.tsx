import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "TLS Readiness Board", template: "%s · TLS Readiness Board" },
  description: "Get through a TLS deprecation cutoff without an outage.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
