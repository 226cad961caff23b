import { createDocumentRoute, listDocumentsRoute } from '../_documents/document-routes';

export const GET = listDocumentsRoute('bill');
export const POST = createDocumentRoute('bill');
