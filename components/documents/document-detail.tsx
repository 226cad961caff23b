import Link from 'next/link';
import { ColumnHeads } from '@/components/column-heads';
import { ActionButton } from '@/components/forms/action-button';
import type { FormAction } from '@/components/forms/action-form';
import { canRecord, ReadOnlyNote } from '@/components/forms/read-only-note';
import { DateText } from '@/components/date-text';
import { StatusBadge } from '@/components/status-badge';
import type { Role } from '@/lib/auth/roles';
import type { DocumentRow } from '@/lib/ledger/documents';
import type { DocumentPayment } from '@/lib/ledger/payments';
import { currencyMinorDigits, formatMoney, toDecimalString } from '@/lib/money';
import { DOCUMENT_COPY } from './document-copy';
import { PaymentForm } from './payment-form';

interface DocumentDetailProps {
  doc: DocumentRow;
  /** The name of the recurring rule that posted it (null: typed by hand, or its rule is gone). */
  ruleName: string | null;
  payments: DocumentPayment[];
  currency: string;
  /** Today in the company's zone, as YYYY-MM-DD. */
  today: string;
  recordPaymentAction: FormAction<unknown>;
  voidEntryAction: FormAction<unknown>;
  /** The caller's role: a viewer sees the document and its payments without the payment and void forms. */
  role: Role;
}

/** One invoice or bill: what it is, what has been paid, and the payment and void forms. */
export function DocumentDetail({ doc, ruleName, payments, currency, today, recordPaymentAction, voidEntryAction, role }: DocumentDetailProps) {
  const writable = canRecord(role);
  const copy = DOCUMENT_COPY[doc.kind];
  const money = (minor: number) => formatMoney(minor, currency);
  const isVoid = doc.status === 'void';
  const creditMinor = payments.filter((p) => !p.voidReference).reduce((t, p) => t + p.amountMinor - p.appliedMinor, 0);
  const overdue = doc.balanceMinor > 0 && doc.dueDate < today;
  // Every payment not yet void, also one that is all customer credit (it moved nothing of the paid amount).
  const hasStandingPayments = payments.some((p) => !p.voidReference);
  return (
    <>
      <p className="breadcrumb">
        <Link href={copy.listPath}>← {copy.screen}</Link>
      </p>
      <header className="page-head">
        <h1>
          {copy.noun} {doc.number}
        </h1>
        <span data-testid="document-status">
          <StatusBadge status={doc.status} />
        </span>
        {!isVoid && writable && (
          <div className="page-actions">
            {hasStandingPayments ? (
              <p className="muted">To void this {copy.noun.toLowerCase()}, void its payments first.</p>
            ) : (
              <ActionButton
                action={voidEntryAction}
                fields={{ entryId: String(doc.id) }}
                label={`Void ${copy.noun.toLowerCase()}`}
                description={`Void ${doc.number}`}
                confirmLabel={`Confirm: void ${doc.number}`}
                pendingLabel="Voiding…"
              />
            )}
          </div>
        )}
      </header>

      <section className="panel summary" aria-label={`${copy.noun} summary`}>
        <dl className="facts">
          <div>
            <dt>{copy.party}</dt>
            <dd>{doc.partyName}</dd>
          </div>
          <div>
            <dt>Category</dt>
            <dd>{doc.categoryName}</dd>
          </div>
          <div>
            <dt>Issue date</dt>
            <dd className="date">
              <DateText date={doc.issueDate} />
            </dd>
          </div>
          <div>
            <dt>Due date</dt>
            <dd className="date">
              <DateText date={doc.dueDate} />
              {overdue && <span className="tag overdue">Overdue</span>}
            </dd>
          </div>
          <div>
            <dt>Reference</dt>
            <dd className="date">{doc.reference}</dd>
          </div>
          {doc.ruleId !== null && (
            <div>
              <dt>Recurring</dt>
              <dd data-testid="document-origin">
                from rule <Link href={`/settings/recurring/${doc.ruleId}#log`}>{ruleName ?? `#${doc.ruleId}`}</Link>, occurrence{' '}
                {doc.occurrenceDate && <DateText date={doc.occurrenceDate} />}
              </dd>
            </div>
          )}
        </dl>
        {doc.memo && <p className="memo">{doc.memo}</p>}
        <dl className="totals">
          <div>
            <dt>Amount</dt>
            <dd data-testid="document-amount">{money(doc.amountMinor)}</dd>
          </div>
          <div>
            <dt>Paid</dt>
            <dd data-testid="document-paid">{money(doc.paidMinor)}</dd>
          </div>
          <div className="total">
            <dt>Balance</dt>
            <dd data-testid="document-balance">{money(doc.balanceMinor)}</dd>
          </div>
          {creditMinor > 0 && (
            <div>
              <dt>Customer credit from overpayment</dt>
              <dd data-testid="document-credit">{money(creditMinor)}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="payments-heading">
        <h2 id="payments-heading">Payments</h2>
        {payments.length === 0 ? (
          <p className="empty">No payments yet.</p>
        ) : (
          <div className="table-wrap">
            <table aria-label="Payments">
              <ColumnHeads columns={['Number', 'Date', 'Memo', { label: 'Amount', numeric: true }, { label: 'Applied', numeric: true }]} actions />
              <tbody>
                {payments.map((p) => (
                  <tr key={p.id} className={p.voidReference ? 'is-void' : undefined}>
                    <td>
                      {p.number}
                      {p.reference !== p.number && <span className="sub">{p.reference}</span>}
                    </td>
                    <td className="date">
                      <DateText date={p.date} />
                    </td>
                    <td>{p.memo}</td>
                    <td className="num">{money(p.amountMinor)}</td>
                    <td className="num">{money(p.appliedMinor)}</td>
                    <td className="actions">
                      {p.voidReference ? (
                        <span className="badge void">Voided</span>
                      ) : writable ? (
                        <ActionButton
                          action={voidEntryAction}
                          fields={{ entryId: String(p.id) }}
                          label="Void payment"
                          description={`Void ${p.number ?? p.reference}`}
                          confirmLabel={`Confirm: void ${p.number ?? p.reference}`}
                          pendingLabel="Voiding…"
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {!isVoid && !writable && <ReadOnlyNote role={role} what={`this ${copy.noun.toLowerCase()} and its payments`} />}
      {!isVoid && writable && (
        <PaymentForm
          action={recordPaymentAction}
          documentId={doc.id}
          currency={currency}
          openAmount={doc.balanceMinor > 0 ? toDecimalString(doc.balanceMinor, currencyMinorDigits(currency)) : null}
          defaultDate={today < doc.issueDate ? doc.issueDate : today}
          minDate={doc.issueDate}
          paidInFullNote={`This ${copy.noun.toLowerCase()} is paid in full.`}
        />
      )}
    </>
  );
}
