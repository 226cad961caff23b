/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm and postgres.js uses node sockets: load both from node_modules at run time, never bundle them.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pino'],
  typedRoutes: false,
  // `next dev` serves its scripts only to pages opened on `localhost` unless told otherwise: opened on
  // http://127.0.0.1:3000 a page would never hydrate. (Production has no such check.)
  allowedDevOrigins: ['127.0.0.1', '[::1]'],
};

export default nextConfig;
