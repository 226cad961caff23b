import Link from 'next/link';

export default function PartyNotFound() {
  return (
    <section className="panel not-found">
      <h1>Customer or vendor not found</h1>
      <p>There is no such customer or vendor in this company.</p>
      <Link href="/parties">Back to customers &amp; vendors</Link>
    </section>
  );
}
