/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and process-wide modules stay out of the bundle: bundled copies of
  // prom-client would give each route its own registry.
  serverExternalPackages: ["prom-client", "pg", "ioredis", "undici", "@nats-io/transport-node", "@nats-io/jetstream", "@electric-sql/pglite"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
