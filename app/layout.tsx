import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site/SiteHeader';
import { SkipLinks } from '@/components/site/SkipLinks';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Docknet: learn Docker networking hands-on', template: '%s · Docknet' },
  description:
    'Learn Docker networking by doing it: lessons with a live terminal on a simulated Docker host, right in your browser. Nothing to install.',
};

export const viewport: Viewport = {
  themeColor: '#0b1120',
  colorScheme: 'dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SkipLinks />
        <SiteHeader />
        {children}
      </body>
    </html>
  );
}
