'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { useCompanyLocale } from '@/components/company-locale';
import { DateText } from '@/components/date-text';
import { formatCalendarDate } from '@/lib/dates/display-date';
import type { FormAction } from '@/components/forms/action-form';
import { Button } from '@/components/ui/button';
import { DatePicker } from '@/components/ui/date-picker';
import { Dialog, DialogContent, DialogDescription, DialogForm, DialogFormFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { FieldErrors } from '@/lib/errors';

/** A pending reminder as the list shows it (amounts already formatted on the server). */
export interface ToEnterRow {
  id: number;
  date: string;
  partyName: string;
  ruleName: string;
  /** Formatted in the company's currency, e.g. "$250.00". */
  amount: string;
  /** The same amount as a decimal string, the "Post with changes" dialog's default. */
  amountDecimal: string;
  waitingDays: number;
}

export interface ToEnterActions {
  post: FormAction<unknown>;
  skip: FormAction<unknown>;
  postMany: FormAction<unknown>;
  skipMany: FormAction<unknown>;
}

type Dialogs = { kind: 'change'; row: ToEnterRow } | { kind: 'skip'; rows: ToEnterRow[] } | null;

/** Runs an action with plain fields: its message, or its error (with field errors for a dialog to show). */
async function send(action: FormAction<unknown>, fields: Record<string, string>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return action(null, form);
}

const waited = (days: number) => (days === 0 ? 'due today' : days === 1 ? '1 day' : `${days} days`);

/**
 * "To enter": the due occurrences of remind rules, oldest first, each to post (as scheduled, or with another amount
 * or date) or skip with a reason; checkboxes choose several for "Post selected" or "Skip selected" (each one
 * succeeds or fails on its own). After each action the page is rendered again from the server.
 */
export function ToEnterList({ rows, more, canWrite, actions }: { rows: ToEnterRow[]; more: boolean; canWrite: boolean; actions: ToEnterActions }) {
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [pending, setPending] = useState(false);
  const chosen = rows.filter((r) => selected.has(r.id));

  async function run(action: FormAction<unknown>, fields: Record<string, string>): Promise<FieldErrors | null> {
    setPending(true);
    try {
      const result = await send(action, fields);
      if (!result.ok) {
        if (result.error.fields) return result.error.fields;
        toast.error(result.error.message);
        return null;
      }
      toast.success(result.message ?? 'Done');
      setSelected(new Set());
      setDialog(null);
      router.refresh();
      return null;
    } finally {
      setPending(false);
    }
  }

  const toggle = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section aria-labelledby="to-enter-title" data-testid="to-enter" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="to-enter-title" className="text-lg font-semibold">
          To enter <span className="text-sm font-normal text-muted-foreground">({rows.length}{more ? '+' : ''})</span>
        </h2>
        {canWrite && (
          <div className="flex gap-2">
            <Button size="sm" disabled={chosen.length === 0 || pending} onClick={() => void run(actions.postMany, { ids: chosen.map((r) => r.id).join(',') })}>
              Post selected
            </Button>
            <Button size="sm" variant="outline" disabled={chosen.length === 0 || pending} onClick={() => setDialog({ kind: 'skip', rows: chosen })}>
              Skip selected
            </Button>
          </div>
        )}
      </div>
      <p className="muted text-sm">Reminders from rules set to remind you: nothing is posted until you post it here.</p>
      <Table>
        <TableHeader>
          <TableRow>
            {canWrite && (
              <TableHead className="w-8">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={rows.length > 0 && chosen.length === rows.length}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              </TableHead>
            )}
            <TableHead>Date</TableHead>
            <TableHead>Party</TableHead>
            <TableHead>Rule</TableHead>
            <TableHead className="text-right">Amount</TableHead>
            <TableHead>Waited</TableHead>
            {canWrite && <TableHead className="text-right">Actions</TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid="to-enter-row" data-reminder-id={row.id}>
              {canWrite && (
                <TableCell>
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.partyName} ${row.date}`}
                    checked={selected.has(row.id)}
                    onChange={(e) => toggle(row.id, e.target.checked)}
                  />
                </TableCell>
              )}
              <TableCell>
                <DateText date={row.date} />
              </TableCell>
              <TableCell>{row.partyName}</TableCell>
              <TableCell>{row.ruleName}</TableCell>
              <TableCell className="text-right tabular-nums">{row.amount}</TableCell>
              <TableCell>{waited(row.waitingDays)}</TableCell>
              {canWrite && (
                <TableCell className="text-right">
                  <div className="flex justify-end gap-1">
                    <Button size="sm" variant="outline" disabled={pending} onClick={() => void run(actions.post, { reminderId: String(row.id) })}>
                      Post
                    </Button>
                    <Button size="sm" variant="outline" disabled={pending} onClick={() => setDialog({ kind: 'change', row })}>
                      Post with changes
                    </Button>
                    <Button size="sm" variant="ghost" disabled={pending} onClick={() => setDialog({ kind: 'skip', rows: [row] })}>
                      Skip
                    </Button>
                  </div>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {dialog?.kind === 'change' && (
        <PostWithChangesDialog
          row={dialog.row}
          pending={pending}
          onClose={() => setDialog(null)}
          onPost={(amount, date) => run(actions.post, { reminderId: String(dialog.row.id), amount, date })}
        />
      )}
      {dialog?.kind === 'skip' && (
        <SkipDialog
          rows={dialog.rows}
          pending={pending}
          onClose={() => setDialog(null)}
          onSkip={(reason) =>
            dialog.rows.length === 1
              ? run(actions.skip, { reminderId: String(dialog.rows[0]!.id), reason })
              : run(actions.skipMany, { ids: dialog.rows.map((r) => r.id).join(','), reason })
          }
        />
      )}
    </section>
  );
}

function PostWithChangesDialog({
  row,
  pending,
  onClose,
  onPost,
}: {
  row: ToEnterRow;
  pending: boolean;
  onClose: () => void;
  onPost: (amount: string, date: string) => Promise<FieldErrors | null>;
}) {
  const [amount, setAmount] = useState(row.amountDecimal);
  const [date, setDate] = useState<string | null>(row.date);
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Post with changes</DialogTitle>
          <DialogDescription>
            {row.ruleName}, due <DateText date={row.date} />. The document keeps this occurrence’s reference whatever date you give it.
          </DialogDescription>
        </DialogHeader>
        <DialogForm
          onSubmit={async () => {
            setErrors((await onPost(amount, date ?? '')) ?? {});
          }}
        >
          <Field label="Amount" errors={errors.amount}>
            {(control) => <Input {...control} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
          </Field>
          <DatePicker label="Date" value={date} onChange={setDate} errors={errors.date} />
          <DialogFormFooter label="Post" pendingLabel="Posting…" pending={pending} />
        </DialogForm>
      </DialogContent>
    </Dialog>
  );
}

function SkipDialog({
  rows,
  pending,
  onClose,
  onSkip,
}: {
  rows: ToEnterRow[];
  pending: boolean;
  onClose: () => void;
  onSkip: (reason: string) => Promise<FieldErrors | null>;
}) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const locale = useCompanyLocale();
  const what = rows.length === 1 ? `${rows[0]!.ruleName} of ${formatCalendarDate(rows[0]!.date, locale)}` : `${rows.length} reminders`;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Skip {what}</DialogTitle>
          <DialogDescription>Nothing is posted. The skip and its reason are kept in the rule’s history.</DialogDescription>
        </DialogHeader>
        <DialogForm
          onSubmit={async () => {
            setErrors((await onSkip(reason)) ?? {});
          }}
        >
          <Field label="Reason" errors={errors.reason}>
            {(control) => <Input {...control} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />}
          </Field>
          <DialogFormFooter label="Skip" pendingLabel="Skipping…" pending={pending} />
        </DialogForm>
      </DialogContent>
    </Dialog>
  );
}
