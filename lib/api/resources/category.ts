import { z } from 'zod';
import type { Account } from '@/lib/ledger/accounts';
import { instant, instantOf, recordIdValue } from '../values';

/** Which documents a category books: revenue categories carry invoices, expense categories carry expenses (bills). */
export const CATEGORY_TYPES = ['invoice', 'expense'] as const;
export type CategoryType = (typeof CATEGORY_TYPES)[number];
export const ACCOUNT_TYPE_OF_CATEGORY = { invoice: 'revenue', expense: 'expense' } as const satisfies Record<CategoryType, 'revenue' | 'expense'>;

export const categoryResponse = z
  .object({
    id: recordIdValue.meta({ description: 'The `categoryId` a document names' }),
    type: z.enum(CATEGORY_TYPES),
    code: z.string().meta({ description: 'The account’s code in the chart, e.g. `4100`' }),
    name: z.string(),
    archivedAt: instant.nullable().meta({ description: 'When it was archived: no new document may use it' }),
    updatedAt: instant,
  })
  .meta({ id: 'Category' });

export function toCategoryResponse(account: Account): z.output<typeof categoryResponse> {
  return {
    id: account.id,
    type: account.type === 'revenue' ? 'invoice' : 'expense',
    code: account.code,
    name: account.name,
    archivedAt: account.archivedAt ? instantOf(account.archivedAt) : null,
    updatedAt: instantOf(account.updatedAt),
  };
}
