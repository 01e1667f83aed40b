/** The header on every page: the name, the course and the playground. */
import Link from 'next/link';
import { NavLink } from './NavLink';

export function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
      <rect x="1" y="1" width="30" height="30" rx="8" fill="#0c4a6e" />
      <path d="M8 11h5v5H8zM14 11h5v5h-5zM20 11h5v5h-5zM14 5h5v5h-5z" fill="#7dd3fc" />
      <path d="M6 19h20c-1 5-5 8-11 8s-8-4-9-8Z" fill="#38bdf8" />
      <circle cx="11" cy="22.5" r="1" fill="#0c4a6e" />
    </svg>
  );
}

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="mx-auto flex h-full max-w-[100rem] items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2.5 rounded-md font-semibold text-white">
          <Logo />
          <span className="text-[1.05rem] tracking-tight">Docknet</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/">Course</NavLink>
          <NavLink href="/playground/">Playground</NavLink>
        </nav>
      </div>
    </header>
  );
}
