/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and the SQL parser load WASM and data files from their own package folders at run time; ioredis is plain Node, loaded as is.
  serverExternalPackages: ['@electric-sql/pglite', 'libpg-query', 'ioredis'],
  reactStrictMode: true,
  poweredByHeader: false,
  // The studio's own origin only; embeds get their framing from the token, in proxy.ts.
  async headers() {
    return [
      {
        source: '/((?!embed/|sandbox/).*)',
        headers: [
          // frame-src: the only frames these pages draw are their own (a Custom node's sandbox, the embed preview), and a sandboxed frame cannot navigate itself elsewhere.
          { key: 'Content-Security-Policy', value: "frame-ancestors 'self'; frame-src 'self'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
