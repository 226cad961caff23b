import type { Metadata } from 'next';
import { ApiReference } from './api-reference';

export const metadata: Metadata = { title: 'API reference' };

/** GET /api/docs: the API reference, rendered in the browser from /api/openapi.json. Public, like the contract. */
export default function ApiDocsPage() {
  return <ApiReference />;
}
