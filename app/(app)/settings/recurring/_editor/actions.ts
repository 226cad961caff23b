'use server';

import { revalidatePath } from 'next/cache';
import { formObject, runCompanyAction } from '@/lib/http/action';
import { createRuleFromEditor, previewEditorDraft, previewEditorEdit, updateRuleFromEditor } from '@/lib/recurring/editor';
import type { EditorRuleInput, EditorRuleUpdateInput } from '@/lib/recurring/schemas';

// Form values arrive as untyped strings: the casts only name the shape; the editor service parses them with the
// same shared schema the form checks as the user types (editorRuleInput / editorRuleUpdateInput).

function revalidateRules(ruleId?: number) {
  revalidatePath('/settings/recurring');
  if (ruleId !== undefined) revalidatePath(`/settings/recurring/${ruleId}`);
}

/** Creates a rule with its flow controls; the form then opens the new rule. */
export async function createRuleAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'createRuleAction', role: 'accountant' },
    async ({ db, company }) => {
      const rule = await createRuleFromEditor(db, company.id, formObject(formData) as EditorRuleInput);
      return { id: rule.id, name: rule.name };
    },
    (rule) => `Created ${rule.name}`,
  );
  if (result.ok) revalidateRules(result.data.id);
  return result;
}

/** Saves an edit; a stale `version` is answered `conflict` and nothing changes. */
export async function updateRuleAction(_previous: unknown, formData: FormData) {
  const result = await runCompanyAction(
    { name: 'updateRuleAction', role: 'accountant' },
    async ({ db, company }) => {
      const rule = await updateRuleFromEditor(db, company.id, formObject(formData) as EditorRuleUpdateInput);
      return { id: rule.id, name: rule.name, version: rule.version };
    },
    (rule) => `Saved ${rule.name}`,
  );
  if (result.ok) revalidateRules(result.data.id);
  return result;
}

/** The next occurrences of the rule being drafted, from the same engine a save and the sweep use. Writes nothing. */
export async function previewRuleDraftAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'previewRuleDraftAction', role: 'accountant' }, ({ db, company }) =>
    previewEditorDraft(db, company.id, formObject(formData) as EditorRuleInput),
  );
}

/** An edit's before and after, and the already-due dates it passes over. Writes nothing. */
export async function previewRuleEditAction(_previous: unknown, formData: FormData) {
  return runCompanyAction({ name: 'previewRuleEditAction', role: 'accountant' }, ({ db, company }) =>
    previewEditorEdit(db, company.id, formObject(formData) as EditorRuleUpdateInput),
  );
}
