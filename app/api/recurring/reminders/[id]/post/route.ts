import { z } from 'zod';
import { reminderPostBody, resolvedReminderResponse, toResolvedReminderResponse } from '@/lib/api/resources/recurring-reminder';
import { apiRoute, reply } from '@/lib/http/api-route';
import { postReminder } from '@/lib/recurring/reminders';
import { recordId } from '@/lib/schemas/common';

/** POST /api/recurring/reminders/:id/post. */
export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/recurring/reminders/{id}/post',
    operationId: 'postRecurringReminder',
    summary: 'Post a reminder',
    description:
      'Posts the occurrence’s document: as scheduled, or with another `amount` and/or `date` (due as many days after it as the rule’s terms say). Its reference is the occurrence’s `REC-{ruleId}-{occurrenceDate}` whatever the date, so an occurrence posts once: a reminder already posted or skipped is 409. Another company’s reminder, or one of a deleted rule, is 404.',
    tags: ['Recurring'],
    role: 'accountant',
    params: z.object({ id: recordId }),
    body: reminderPostBody,
    amounts: ['amount'],
    responses: { 200: { description: 'The reminder, posted, with its document', schema: resolvedReminderResponse } },
  },
  async ({ ctx, params, rawBody }) => {
    const posted = await postReminder(ctx.db, ctx.company.id, params.id, rawBody);
    return reply(200, toResolvedReminderResponse(posted.reminder, posted));
  },
);
