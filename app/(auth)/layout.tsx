export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-slate-200 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-xs font-semibold uppercase tracking-widest text-blue-800">TLS Readiness Board</p>
          <p className="mt-1 text-sm text-slate-600">Get through the cutoff without an outage.</p>
        </div>
        {children}
      </div>
    </main>
  );
}
