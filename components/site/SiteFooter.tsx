export function SiteFooter() {
  return (
    <footer className="border-t border-slate-800/80">
      <div className="mx-auto max-w-5xl px-4 py-8 text-sm text-slate-400 sm:px-6">
        Docknet simulates Docker 28 on Linux hosts, entirely in your browser: nothing is installed, nothing leaves your
        machine, and it works offline. Your labs and progress are saved in this browser only.{' '}
        <a href="/studio/" className="underline hover:text-white">
          Write a lesson in the studio
        </a>
        .
      </div>
    </footer>
  );
}
