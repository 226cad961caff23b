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
    <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-4 px-4 py-10">
      <div>
        <h1 className="text-primary">AiLegr</h1>
        <p className="m-0 text-muted-foreground">Sign in to your books.</p>
      </div>
      {notice && (
        <p role="status" className="m-0 rounded-lg border border-border bg-card p-4 text-sm">
          {notice}
        </p>
      )}
      <SignInForm />
    </main>
  );
}
