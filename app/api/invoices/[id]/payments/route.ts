import { recordPaymentRoute } from '../../../_documents/document-routes';

export const POST = recordPaymentRoute('invoice');
