import Link from 'next/link';

export default function InvoiceNotFound() {
  return (
    <section className="panel not-found">
      <h1>Invoice not found</h1>
      <p>There is no such invoice in this company.</p>
      <Link href="/invoices">Back to invoices</Link>
    </section>
  );
}
