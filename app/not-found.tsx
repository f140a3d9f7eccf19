import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-20 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Nothing here</h1>
      <p className="mt-2 text-slate-600">The page or record does not exist, or it was deleted.</p>
      <Link href="/" className="mt-6 inline-block text-blue-800 underline">
        Back to the overview
      </Link>
    </main>
  );
}
