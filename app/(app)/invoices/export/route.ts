import { documentsCsvRoute } from '../../_documents/documents-csv';

export const GET = documentsCsvRoute('invoice');
