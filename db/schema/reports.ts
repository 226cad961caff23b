import { foreignKey, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companyMembers } from './auth';
import { reportBasis } from './enums';

/**
 * What each member last chose to see on the reports of one company (issue 14: the cash/accrual toggle is
 * remembered per user). Keyed by the membership, so it goes with it: removing a member removes their choice.
 */
export const reportPreferences = pgTable(
  'report_preferences',
  {
    companyId: uuid('company_id').notNull(),
    userId: uuid('user_id').notNull(),
    basis: reportBasis('basis').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'report_preferences_pkey', columns: [t.userId, t.companyId] }),
    foreignKey({
      name: 'report_preferences_member_fk',
      columns: [t.companyId, t.userId],
      foreignColumns: [companyMembers.companyId, companyMembers.userId],
    }).onDelete('cascade'),
  ],
);
