'use client';

import { useState, type RefObject } from 'react';
import {
  AlertDialog,
  AlertDialogClose,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';

/** Deleting is confirmed, and says what stays: the documents the rule posted and its history. */
export function DeleteRuleDialog({
  open,
  onOpenChange,
  ruleName,
  onDelete,
  returnFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  ruleName: string;
  onDelete: () => Promise<unknown>;
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const [pending, setPending] = useState(false);
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent finalFocus={returnFocus}>
        <AlertDialogTitle>Delete {ruleName}?</AlertDialogTitle>
        <AlertDialogDescription>
          It stops posting and leaves this list. The invoices and bills it already posted stay in the books, with their
          payments; only the schedule goes.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogClose render={<Button variant="outline" />}>Cancel</AlertDialogClose>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={async () => {
              setPending(true);
              try {
                await onDelete();
              } finally {
                setPending(false);
                onOpenChange(false);
              }
            }}
          >
            {pending ? 'Deleting…' : 'Delete rule'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
