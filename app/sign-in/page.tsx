import type { Metadata } from 'next';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

const REASONS: Record<string, string> = {
  'no-company': 'Your account does not belong to any company yet: ask an owner to add you, then sign in again.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason } = await searchParams;
  const notice = typeof reason === 'string' ? REASONS[reason] : undefined;
  return (
    <main className="sign-in">
      <h1>AiLegr</h1>
      <p className="muted">Sign in to your books.</p>
      {notice && (
        <p role="status" className="panel">
          {notice}
        </p>
      )}
      <SignInForm />
    </main>
  );
}
