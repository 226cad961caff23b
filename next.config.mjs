/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm and postgres.js uses node sockets: load both from node_modules at run time, never bundle them.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pino'],
  typedRoutes: false,
};

export default nextConfig;
