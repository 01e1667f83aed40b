'use client';

/** A header link that says so when it is the current page. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const normalize = (path: string) => (path.endsWith('/') ? path : `${path}/`);
  const current = normalize(pathname) === normalize(href);
  return (
    <Link href={href} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
