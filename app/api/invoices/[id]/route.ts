import { getDocumentRoute } from '../../_documents/document-routes';

export const GET = getDocumentRoute('invoice');
