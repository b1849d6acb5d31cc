/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own package; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "@node-rs/argon2"],
  poweredByHeader: false,
  // The app serves its own images (owner-checked or through a share); Next's optimizer would fetch
  // them anonymously and keep public copies for hours, outliving a revoked share. 404 for /_next/image.
  images: { unoptimized: true },
  experimental: {
    // Server actions carry only small JSON here; image uploads go to POST /api/uploads.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
