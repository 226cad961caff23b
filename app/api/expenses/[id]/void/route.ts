import { voidDocumentRoute } from '../../../_documents/document-routes';

export const POST = voidDocumentRoute('bill');
