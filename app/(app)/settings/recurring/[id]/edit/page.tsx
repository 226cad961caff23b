import { notFound } from 'next/navigation';
import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import { AppError } from '@/lib/errors';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import { getRuleOrThrow } from '@/lib/recurring/rules';
import { companyContext } from '@/lib/session/company-context';
import { editorOptions } from '../../_editor/editor-options';
import { RuleEditor } from '../../_editor/rule-editor';
import { ruleFormOf } from '@/components/recurring/editor/rule-form-values';

export const metadata = { title: 'Edit recurring rule' };

export default async function EditRulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, company, role } = await companyContext();
  const ruleId = Number(id);
  if (!Number.isSafeInteger(ruleId) || ruleId <= 0) notFound();
  const rule = await getRuleOrThrow(db, company.id, ruleId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  if (!canRecord(role)) {
    return (
      <>
        <h1>Edit {rule.name}</h1>
        <ReadOnlyNote role={role} what="recurring rules" />
      </>
    );
  }
  const options = await editorOptions(db, company.id);
  const initial = ruleFormOf({ ...rule, amount: toDecimalString(rule.amountMinor, currencyMinorDigits(company.baseCurrency)) });
  return (
    <RuleEditor
      // A save elsewhere gives a new version: the editor keeps its typed state across that refresh (same key).
      key={rule.id}
      mode={{ kind: 'edit', ruleId: rule.id, version: rule.version }}
      initial={initial}
      {...options}
      currency={company.baseCurrency}
      timeZone={company.timeZone ?? 'UTC'}
    />
  );
}
