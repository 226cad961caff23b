import { z } from 'zod';
import { reminderSkipBody, resolvedReminderResponse, toResolvedReminderResponse } from '@/lib/api/resources/recurring-reminder';
import { apiRoute, reply } from '@/lib/http/api-route';
import { skipReminder } from '@/lib/recurring/reminders';
import { recordId } from '@/lib/schemas/common';

/** POST /api/recurring/reminders/:id/skip. */
export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/recurring/reminders/{id}/skip',
    operationId: 'skipRecurringReminder',
    summary: 'Skip a reminder',
    description:
      'Records the occurrence as skipped by the user, with the `reason` given, in the rule’s history; nothing is posted. A reminder already posted or skipped is 409; another company’s, or one of a deleted rule, is 404.',
    tags: ['Recurring'],
    role: 'accountant',
    params: z.object({ id: recordId }),
    body: reminderSkipBody,
    responses: { 200: { description: 'The reminder, skipped', schema: resolvedReminderResponse } },
  },
  async ({ ctx, params, rawBody }) => {
    const skipped = await skipReminder(ctx.db, ctx.company.id, params.id, rawBody);
    return reply(200, toResolvedReminderResponse(skipped));
  },
);
