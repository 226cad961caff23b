import { pageQuery, pageReply, pageSchema } from '@/lib/api/pagination';
import { pendingReminderResponse, toPendingReminderResponse } from '@/lib/api/resources/recurring-reminder';
import { apiRoute } from '@/lib/http/api-route';
import { listPendingReminders } from '@/lib/recurring/reminders';

/** GET /api/recurring/reminders: the company's reminders waiting to be posted or skipped, oldest date first. */
export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/recurring/reminders',
    operationId: 'listRecurringReminders',
    summary: 'List reminders to enter',
    description:
      'The due occurrences of remind rules (`mode: remind`) that nobody has posted or skipped yet, oldest date first: the “To enter” list. Reminders of deleted rules are left out.',
    tags: ['Recurring'],
    role: 'viewer',
    list: true,
    query: pageQuery.omit({ updatedSince: true }),
    responses: { 200: { description: 'A page of pending reminders', schema: pageSchema(pendingReminderResponse) } },
  },
  async ({ ctx, query, request }) => {
    const page = await listPendingReminders(ctx.db, ctx.company.id, { limit: query.limit, after: query.cursor });
    return pageReply(request, page, (item) => toPendingReminderResponse(item, ctx.company.baseCurrency));
  },
);
