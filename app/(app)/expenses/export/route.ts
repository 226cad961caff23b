import { documentsCsvRoute } from '../../_documents/documents-csv';

export const GET = documentsCsvRoute('bill');
