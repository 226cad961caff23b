import { z } from 'zod';
import { pauseInput } from '@/lib/recurring/schemas';
import { ruleActionRoute } from '../rule-action';

/** POST /api/recurring/:id/pause `{ resumeOn? }`. */
export const POST = ruleActionRoute({
  segment: 'pause',
  operationId: 'pauseRecurringRule',
  summary: 'Pause a recurring rule',
  description:
    'Paused, the rule posts nothing. With `resumeOn` it resumes by itself on that day (company time), and the dates before it are skipped as `paused`; without, it stays paused until resumed.',
  body: z.object({ resumeOn: pauseInput.shape.resumeOn.nullable().optional().meta({ description: 'The day it resumes by itself' }) }),
  action: (body) => ({ kind: 'pause', resumeOn: body.resumeOn ?? null }),
});
