// `npm run build` bundles with webpack: Turbopack's production server output
// gives every route a copy of the shared chunk, so a server that has answered
// every route holds eleven instances of each of Lantern's modules (their
// source, code and state). One copy saves ~26 MiB at 1,000 services (npm run
// bench -- soak). `npm run dev` keeps Turbopack, which has no such cost there.
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and process-wide modules stay out of the bundle: bundled copies of
  // prom-client would give each route its own registry.
  serverExternalPackages: ["prom-client", "pg", "ioredis", "undici", "@nats-io/transport-node", "@nats-io/jetstream", "@electric-sql/pglite"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
