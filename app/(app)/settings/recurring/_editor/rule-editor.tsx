'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, NativeSelect, Textarea } from '@/components/ui/input';
import type { ActionResult } from '@/lib/http/action';
import { createRuleAction, previewRuleDraftAction, previewRuleEditAction, updateRuleAction } from './actions';
import { PartyQuickAdd, type PartyOption } from './party-quick-add';
import { RulePreview, type PreviewState } from './rule-preview';
import { DueFields, MoreOptions, ScheduleFields, Section } from './rule-schedule-fields';
import { byControl, clientErrors, payloadOf, type FieldErrors, type RuleFormValues } from '@/components/recurring/editor/rule-form-values';

interface CategoryOption {
  id: number;
  name: string;
  code: string;
}

type EditorMode = { kind: 'new' } | { kind: 'edit'; ruleId: number; version: number };

interface RuleEditorProps {
  mode: EditorMode;
  initial: RuleFormValues;
  customers: readonly PartyOption[];
  vendors: readonly PartyOption[];
  revenueCategories: readonly CategoryOption[];
  expenseCategories: readonly CategoryOption[];
  currency: string;
  /** The company's zone, for the words about local midnight. */
  timeZone: string;
}

/** How long typing must pause before the preview asks the server again. */
const PREVIEW_DEBOUNCE_MS = 300;

/** Names of the controls, for the preview's "missing" list. */
const LABELS: Record<string, string> = {
  name: 'a name',
  type: 'invoice or expense',
  partyId: 'a customer or vendor',
  categoryId: 'a category',
  amount: 'an amount',
  memo: 'a shorter memo',
  interval: 'how often (every N)',
  weekday: 'a weekday',
  dayOfMonth: 'a day of month',
  nthWeek: 'which week of the month',
  nthWeekday: 'which weekday',
  startDate: 'a start date',
  endDate: 'an end date after the start',
  maxOccurrences: 'how many occurrences',
  dueDays: 'the days until due',
  dueDate: 'a valid manual due date',
  createDaysAhead: 'how many days ahead',
  pauseUntil: 'a valid pause-until date',
  resumeOn: 'a valid resume date',
};

function draftKey(mode: EditorMode): string {
  return mode.kind === 'new' ? 'ailegr:rule-draft:new' : `ailegr:rule-draft:${mode.ruleId}`;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function formDataOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

/**
 * The rule editor, for a new rule and for a saved one. Every keystroke is checked with the shared schema (the one
 * the action parses with) and, once the form is complete, previewed by the server's own engine after a short pause.
 * What was typed survives a failed save, a conflict with someone else's save, and a reload of the page (kept in
 * sessionStorage until saved).
 */
export function RuleEditor({ mode, initial, customers, vendors, revenueCategories, expenseCategories, currency, timeZone }: RuleEditorProps) {
  const router = useRouter();
  const editing = mode.kind === 'edit';
  const [values, setValues] = useState<RuleFormValues>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [restored, setRestored] = useState(false);
  const [baseVersion, setBaseVersion] = useState(mode.kind === 'edit' ? mode.version : 0);
  const [catchUpPassed, setCatchUpPassed] = useState(false);
  const [addedParties, setAddedParties] = useState<{ customer: PartyOption[]; vendor: PartyOption[] }>({ customer: [], vendor: [] });
  const [saving, startSaving] = useTransition();
  const [reloading, startReloading] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const key = draftKey(mode);

  // Restore what was typed before a reload (after hydration, so the server's HTML and the first render agree).
  useEffect(() => {
    const saved = sessionStorage.getItem(key);
    if (!saved) return;
    try {
      const draft = JSON.parse(saved) as { values: RuleFormValues; version: number };
      if (JSON.stringify(draft.values) === JSON.stringify(initial)) return;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- sessionStorage exists only after hydration
      setValues(draft.values);
      if (draft.version) setBaseVersion(draft.version);
      setRestored(true);
    } catch {
      sessionStorage.removeItem(key);
    }
    // Once, on mount: later prop changes (a refresh after a conflict) must not overwrite the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const edited = useMemo(() => JSON.stringify(values) !== JSON.stringify(initial), [values, initial]);
  useEffect(() => {
    if (edited) sessionStorage.setItem(key, JSON.stringify({ values, version: baseVersion }));
  }, [edited, key, values, baseVersion]);

  const partyKind = values.type === 'invoice' ? 'customer' : 'vendor';
  const parties = useMemo(
    () => [...(values.type === 'invoice' ? customers : vendors), ...addedParties[partyKind]],
    [values.type, customers, vendors, addedParties, partyKind],
  );
  const categories = values.type === 'invoice' ? revenueCategories : expenseCategories;

  const clientFieldErrors = useMemo(() => clientErrors(values, editing), [values, editing]);

  const set = <K extends keyof RuleFormValues>(field: K, value: RuleFormValues[K], control: string = field) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => (t.has(control) ? t : new Set(t).add(control)));
    setServerErrors((e) => {
      if (!e[control]) return e;
      const next = { ...e };
      delete next[control];
      return next;
    });
  };

  const changeType = (type: RuleFormValues['type']) => {
    // A customer cannot be billed an expense: the choices that do not belong to the new type are cleared.
    setValues((v) => ({ ...v, type, partyId: '', categoryId: '' }));
    setServerErrors((e) => {
      const next = { ...e };
      delete next.partyId;
      delete next.categoryId;
      return next;
    });
  };

  /** Errors shown at `control`: the server's, else the schema's once the field was touched or a save tried. */
  const errorsOf = (control: string): string[] | undefined => serverErrors[control] ?? (submitted || touched.has(control) ? clientFieldErrors[control] : undefined);

  // The live preview: the same engine as a save, asked once typing pauses and the form is complete.
  const payload = useMemo(() => {
    const fields = payloadOf({ ...values, name: values.name.trim() || 'Draft' });
    return mode.kind === 'edit'
      ? { ...fields, ruleId: String(mode.ruleId), version: String(baseVersion), catchUpPassed: catchUpPassed ? 'true' : '' }
      : fields;
  }, [values, mode, baseVersion, catchUpPassed]);
  const missing = useMemo(
    () => Object.keys(clientErrors({ ...values, name: values.name.trim() || 'Draft' }, editing)).map((c) => LABELS[c] ?? c),
    [values, editing],
  );
  const [preview, setPreview] = useState<PreviewState>({ kind: 'loading' });
  const [previewPending, setPreviewPending] = useState(false);
  const requestSeq = useRef(0);
  const request = useDebounced(useMemo(() => ({ payload, missing }), [payload, missing]), PREVIEW_DEBOUNCE_MS);
  useEffect(() => {
    const seq = ++requestSeq.current;
    if (request.missing.length > 0) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the preview follows the debounced form
      setPreview({ kind: 'incomplete', missing: request.missing });
      setPreviewPending(false);
      return;
    }
    setPreviewPending(true);
    const form = formDataOf(request.payload);
    const answer: Promise<PreviewState | ActionResult<never>> =
      mode.kind === 'edit'
        ? previewRuleEditAction(null, form).then((r) => (r.ok ? { kind: 'edit' as const, data: r.data } : r))
        : previewRuleDraftAction(null, form).then((r) => (r.ok ? { kind: 'draft' as const, data: r.data } : r));
    answer.then(
      (result) => {
        if (seq !== requestSeq.current) return; // a newer request answers for the form as it is now
        setPreviewPending(false);
        if ('kind' in result) {
          setPreview(result);
          // The preview checks what a save checks: whatever the server refused before is fixed now.
          setServerErrors((e) => (Object.keys(e).length === 0 ? e : {}));
        } else if (!result.ok) {
          const fields = byControl(result.error.fields);
          setServerErrors((e) => ({ ...e, ...fields }));
          setPreview({ kind: 'error', message: result.error.message, fields: Object.keys(fields).map((c) => LABELS[c] ?? c) });
        }
      },
      () => {
        if (seq !== requestSeq.current) return;
        setPreviewPending(false);
        setPreview({ kind: 'error', message: 'The preview could not be loaded. Check your connection; nothing typed is lost.', fields: [] });
      },
    );
  }, [request, mode.kind]);

  // Someone else saved since the form was opened: the edit preview reads the rule's version as it is now.
  const newerVersion = preview.kind === 'edit' && preview.data.version !== baseVersion ? preview.data.version : null;

  const focusFirstInvalid = () => {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const save = () => {
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(clientFieldErrors).length > 0) {
      setFormError('Check the fields marked below.');
      focusFirstInvalid();
      return;
    }
    const fields = payloadOf(values);
    startSaving(async () => {
      const result =
        mode.kind === 'edit'
          ? await updateRuleAction(null, formDataOf({ ...fields, ruleId: String(mode.ruleId), version: String(baseVersion), catchUpPassed: catchUpPassed ? 'true' : '' }))
          : await createRuleAction(null, formDataOf(fields));
      if (result.ok) {
        sessionStorage.removeItem(key);
        router.push(`/settings/recurring/${result.data.id}`);
        return;
      }
      setConflict(result.error.code === 'conflict');
      setServerErrors(byControl(result.error.fields));
      setFormError(result.error.message);
      if (result.error.fields) focusFirstInvalid();
    });
  };

  /** After a conflict: read the rule as saved now and make it the base of this edit, keeping everything typed. */
  const reloadSaved = () => {
    startReloading(async () => {
      const result = await previewRuleEditAction(null, formDataOf({ ...payload, version: '' }));
      router.refresh();
      if (result.ok) {
        setBaseVersion(result.data.version);
        setConflict(false);
        setFormError(null);
      }
    });
  };

  const discardDraft = () => {
    sessionStorage.removeItem(key);
    setValues(initial);
    setRestored(false);
    if (mode.kind === 'edit') setBaseVersion(mode.version);
  };

  const heading = mode.kind === 'new' ? 'New recurring rule' : `Edit ${initial.name}`;

  return (
    <div className="grid gap-4">
      <div>
        <p className="breadcrumb">
          <Link href="/settings/recurring">← Recurring rules</Link>
        </p>
        <h1 id="rule-form-heading" className="m-0">
          {heading}
        </h1>
        <p className="muted m-0">Each date posts at local midnight in {timeZone} (earlier with “create days ahead”), once.</p>
      </div>

      {restored && (
        <div role="status" className="panel flex flex-wrap items-center justify-between gap-2 text-sm">
          <span>We kept what you typed before the page reloaded.</span>
          <Button type="button" variant="outline" size="sm" onClick={discardDraft}>
            Discard my changes
          </Button>
        </div>
      )}

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
        <form
          ref={formRef}
          className="panel grid gap-5"
          aria-labelledby="rule-form-heading"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!saving) save();
          }}
        >
          <Section title="What it posts">
            <Field label="Name" errors={errorsOf('name')} description="For you: shown in the list and the log.">
              {(c) => <Input {...c} value={values.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />}
            </Field>
            <fieldset className="grid gap-1.5">
              <legend className="mb-1.5 text-sm font-medium">Type</legend>
              <div className="flex flex-wrap gap-4">
                {(['invoice', 'expense'] as const).map((t) => (
                  <label key={t} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="type" className="size-4" checked={values.type === t} onChange={() => changeType(t)} />
                    {t === 'invoice' ? 'Invoice (to a customer)' : 'Expense (a vendor’s bill)'}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="grid gap-1.5">
              <legend className="mb-1.5 text-sm font-medium">Mode</legend>
              <div className="flex flex-wrap gap-4">
                {(['post', 'remind'] as const).map((m) => (
                  <label key={m} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="mode" className="size-4" checked={values.mode === m} onChange={() => set('mode', m)} />
                    {m === 'post' ? 'Post automatically' : 'Remind me (I post or skip each one under “To enter”)'}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="grid gap-2">
                <Field label={partyKind === 'customer' ? 'Customer' : 'Vendor'} errors={errorsOf('partyId')}>
                  {(c) => (
                    <NativeSelect {...c} value={values.partyId} onChange={(e) => set('partyId', e.target.value)}>
                      <option value="">{parties.length ? `Choose a ${partyKind}…` : `No ${partyKind}s yet: add one`}</option>
                      {parties.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </NativeSelect>
                  )}
                </Field>
                <div>
                  <PartyQuickAdd
                    kind={partyKind}
                    onAdded={(party) => {
                      setAddedParties((a) => ({ ...a, [partyKind]: [...a[partyKind], party] }));
                      set('partyId', String(party.id));
                    }}
                  />
                </div>
              </div>
              <Field label="Category" errors={errorsOf('categoryId')}>
                {(c) => (
                  <NativeSelect {...c} value={values.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
                    <option value="">Choose a category…</option>
                    {categories.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.code} {a.name}
                      </option>
                    ))}
                  </NativeSelect>
                )}
              </Field>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={`Amount (${currency})`} errors={errorsOf('amount')} description="Each occurrence posts this amount.">
                {(c) => (
                  <Input
                    {...c}
                    value={values.amount}
                    onChange={(e) => set('amount', e.target.value)}
                    inputMode="decimal"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="0.00"
                    className="text-right tabular-nums"
                  />
                )}
              </Field>
              <Field label="Memo" errors={errorsOf('memo')}>
                {(c) => <Textarea {...c} rows={1} value={values.memo} onChange={(e) => set('memo', e.target.value)} />}
              </Field>
            </div>
          </Section>

          <ScheduleFields values={values} set={set} errorsOf={errorsOf} />

          <DueFields values={values} set={set} errorsOf={errorsOf} />

          <MoreOptions values={values} set={set} errorsOf={errorsOf} />

          {(formError || newerVersion !== null) && (
            <div role="alert" className="grid gap-2 rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm" data-testid="form-error">
              <p className="m-0">
                {conflict || newerVersion !== null
                  ? 'Someone else saved this rule since you opened it. Reload it to see their version: what you typed here stays as it is, and the dates before and after are compared with theirs.'
                  : formError}
              </p>
              {(conflict || newerVersion !== null) && (
                <div>
                  <Button type="button" variant="outline" size="sm" onClick={reloadSaved} disabled={reloading}>
                    {reloading ? 'Reloading…' : 'Reload the saved rule'}
                  </Button>
                </div>
              )}
            </div>
          )}

          <div className="form-actions">
            <Button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </Button>
            <Link href={editing ? `/settings/recurring/${mode.ruleId}` : '/settings/recurring'} className="text-sm">
              Cancel
            </Link>
          </div>
        </form>

        <div className="lg:sticky lg:top-4">
          <RulePreview
            state={preview}
            currency={currency}
            stale={(previewPending || request.payload !== payload) && preview.kind !== 'loading'}
            catchUpPassed={catchUpPassed}
            onCatchUpPassedChange={setCatchUpPassed}
          />
        </div>
      </div>
    </div>
  );
}
