'use client';

import { useState, type RefObject } from 'react';
import { DatePicker } from '@/components/ui/date-picker';
import { Dialog, DialogContent, DialogDescription, DialogForm, DialogFormFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';

/**
 * Pausing asks for an optional resume date: with one, the rule resumes by itself that day (the dates before it are
 * recorded as skipped); without, it stays paused until someone resumes it. The confirm button is "Pause".
 */
export function PauseRuleDialog({
  open,
  onOpenChange,
  ruleName,
  minDate,
  onPause,
  returnFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  ruleName: string;
  /** The company's today: the earliest resume date offered. */
  minDate: string;
  onPause: (resumeOn: string) => Promise<unknown>;
  /** Where focus goes when the dialog closes (the row's ⋯ button: the menu item that opened it is gone). */
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const [resumeOn, setResumeOn] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setResumeOn(null);
        onOpenChange(next);
      }}
    >
      <DialogContent className="max-w-md" finalFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>Pause {ruleName}</DialogTitle>
          <DialogDescription>
            Nothing posts while it is paused. With a resume date it starts again by itself that day, and the dates it passed
            are recorded as skipped; without one it waits until you resume it.
          </DialogDescription>
        </DialogHeader>
        <DialogForm
          onSubmit={async () => {
            setPending(true);
            try {
              await onPause(resumeOn ?? '');
            } finally {
              setPending(false);
              setResumeOn(null);
              onOpenChange(false);
            }
          }}
        >
          <DatePicker label="Resume on (optional)" value={resumeOn} onChange={setResumeOn} min={minDate} description="Leave it empty to resume by hand." />
          <DialogFormFooter label="Pause" pendingLabel="Pausing…" pending={pending} />
        </DialogForm>
      </DialogContent>
    </Dialog>
  );
}
