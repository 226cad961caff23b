import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import { currencyMinorDigits, toDecimalString } from '@/lib/money';
import { companyContext } from '@/lib/session/company-context';
import { editorOptions } from '../../_editor/editor-options';
import { RuleEditor } from '../../_editor/rule-editor';
import { ruleOrNotFound } from '../rule-or-not-found';
import { ruleFormOf } from '@/components/recurring/editor/rule-form-values';

export const metadata = { title: 'Edit recurring rule' };

export default async function EditRulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, company, role } = await companyContext();
  const rule = await ruleOrNotFound(db, company.id, id);
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
