'use client';

import { PlusIcon } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Field } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { createPartyAction } from '@/app/(app)/parties/actions';

export interface PartyOption {
  id: number;
  name: string;
}

/**
 * "Add customer" / "Add vendor" beside the party choice: a small dialog that creates the party through the parties
 * action (its schema, its authorization) and hands the new one back to be chosen, without leaving the editor.
 */
export function PartyQuickAdd({ kind, onAdded }: { kind: 'customer' | 'vendor'; onAdded: (party: PartyOption) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const noun = kind === 'customer' ? 'customer' : 'vendor';

  const submit = () => {
    const form = new FormData();
    form.set('kind', kind);
    form.set('name', name);
    form.set('email', email);
    startTransition(async () => {
      const result = await createPartyAction(null, form);
      if (result.ok) {
        onAdded({ id: result.data.id, name: result.data.name });
        setName('');
        setEmail('');
        setErrors({});
        setMessage(null);
        setOpen(false);
      } else {
        setErrors(result.error.fields ?? {});
        setMessage(result.error.message);
      }
    });
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger render={<Button type="button" variant="outline" size="sm" />}>
        <PlusIcon aria-hidden /> Add {noun}
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a {noun}</DialogTitle>
          <DialogDescription>It is chosen for this rule at once; the rest of the form stays as you left it.</DialogDescription>
        </DialogHeader>
        {/* Not a nested <form>: the dialog renders in a portal, but Enter still submits only this. */}
        <div
          className="grid gap-3"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
              e.preventDefault();
              submit();
            }
          }}
        >
          <Field label="Name" errors={errors.name}>
            {(control) => <Input {...control} value={name} onChange={(e) => setName(e.target.value)} autoComplete="organization" />}
          </Field>
          <Field label="Email (optional)" errors={errors.email}>
            {(control) => <Input {...control} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" />}
          </Field>
          {message && !errors.name && !errors.email ? (
            <p role="alert" className="m-0 text-sm text-destructive">
              {message}
            </p>
          ) : null}
        </div>
        <DialogFooter>
          <Button type="button" onClick={submit} disabled={pending}>
            {pending ? 'Adding…' : `Add ${noun}`}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
