import Link from 'next/link';

export default function BillNotFound() {
  return (
    <section className="panel not-found">
      <h1>Bill not found</h1>
      <p>There is no such bill in this company.</p>
      <Link href="/expenses">Back to expenses</Link>
    </section>
  );
}
