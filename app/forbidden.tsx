import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-20 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role does not give access to this page</h1>
      <p className="mt-2 text-slate-600">If you need it, ask an admin to change your role.</p>
      <Link href="/" className="mt-6 inline-block text-blue-800 underline">
        Back to the overview
      </Link>
    </main>
  );
}
