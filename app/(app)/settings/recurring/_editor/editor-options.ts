import 'server-only';
import type { Db } from '@/db/client';
import { listCategories } from '@/lib/ledger/accounts';
import { listParties } from '@/lib/ledger/parties';

/** The choices the editor offers, filtered by kind on the server: customers and revenue for invoices, vendors and expense categories for expenses. */
export async function editorOptions(db: Db, companyId: string) {
  const [customers, vendors, revenue, expense] = await Promise.all([
    listParties(db, companyId, 'customer'),
    listParties(db, companyId, 'vendor'),
    listCategories(db, companyId, 'revenue'),
    listCategories(db, companyId, 'expense'),
  ]);
  const party = (p: { id: number; name: string }) => ({ id: p.id, name: p.name });
  const category = (a: { id: number; name: string; code: string }) => ({ id: a.id, name: a.name, code: a.code });
  return {
    customers: customers.map(party),
    vendors: vendors.map(party),
    revenueCategories: revenue.map(category),
    expenseCategories: expense.map(category),
  };
}
