'use client';

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { useRuleActions, useRuleDialogQuery, type RuleDialogProps } from './rule-operations';
import { PreviewTable } from './preview-table';

/** The rule's next occurrences, asked for when the dialog opens (the engine's own dates: `previewRule`). */
export function PreviewDialog({
  open,
  onOpenChange,
  rule,
  returnFocus,
}: RuleDialogProps) {
  const preview = useRuleDialogQuery('recurring-rule-preview', useRuleActions().preview, rule, open);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" finalFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>Next occurrences of {rule.name}</DialogTitle>
          <DialogDescription>Each date posts once, at the start of its day in the company&apos;s time zone.</DialogDescription>
        </DialogHeader>
        {preview.isPending ? (
          <div className="grid gap-2" role="status" aria-label="Loading the preview">
            <Skeleton className="h-6" />
            <Skeleton className="h-6" />
            <Skeleton className="h-6" />
          </div>
        ) : preview.isError ? (
          <p role="alert" className="form-error">
            {preview.error.message}
          </p>
        ) : (
          <PreviewTable rows={preview.data} compact />
        )}
      </DialogContent>
    </Dialog>
  );
}
