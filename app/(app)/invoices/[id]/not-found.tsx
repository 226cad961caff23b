import { DocumentNotFound } from '@/components/documents/document-not-found';

export default function InvoiceNotFound() {
  return <DocumentNotFound kind="invoice" />;
}
