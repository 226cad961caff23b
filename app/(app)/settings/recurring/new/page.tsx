import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import { todayInZone } from '@/lib/dates/calendar-date';
import { companyContext } from '@/lib/session/company-context';
import { editorOptions } from '../_editor/editor-options';
import { RuleEditor } from '../_editor/rule-editor';
import { blankRuleForm } from '@/components/recurring/editor/rule-form-values';

export const metadata = { title: 'New recurring rule' };

export default async function NewRulePage() {
  const { db, company, role } = await companyContext();
  if (!canRecord(role)) {
    return (
      <>
        <h1>New recurring rule</h1>
        <ReadOnlyNote role={role} what="recurring rules" />
      </>
    );
  }
  const options = await editorOptions(db, company.id);
  const today = todayInZone(new Date(), company.timeZone ?? undefined);
  return (
    <RuleEditor
      mode={{ kind: 'new' }}
      initial={blankRuleForm(today)}
      {...options}
      currency={company.baseCurrency}
      timeZone={company.timeZone ?? 'UTC'}
    />
  );
}
