import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-24 text-center">
      <p className="font-mono text-sm text-sky-300">404</p>
      <h1 className="mt-2 text-3xl font-bold text-white">No such page</h1>
      <p className="mt-4 text-slate-300">
        <code className="font-mono">curl: (22) The requested URL returned error: 404</code>
      </p>
      <p className="mt-8">
        <Link href="/" className="btn btn-primary px-4 py-2">
          Back to the course
        </Link>
      </p>
    </main>
  );
}
