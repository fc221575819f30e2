import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { THEME_BOOT_SCRIPT } from '../components/theme';
import './globals.css';

export const metadata: Metadata = {
  title: 'Amdahl Pages Studio',
  description: 'Author, render, embed and check Amdahl Pages.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The boot script may set data-theme before hydration: that attribute is expected to differ.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
