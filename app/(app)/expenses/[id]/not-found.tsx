import { DocumentNotFound } from '@/components/documents/document-not-found';

export default function BillNotFound() {
  return <DocumentNotFound kind="bill" />;
}
