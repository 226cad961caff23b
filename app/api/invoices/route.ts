import { createDocumentRoute, listDocumentsRoute } from '../_documents/document-routes';

export const GET = listDocumentsRoute('invoice');
export const POST = createDocumentRoute('invoice');
