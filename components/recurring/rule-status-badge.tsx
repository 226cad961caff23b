import { Badge } from '@/components/ui/badge';
import type { RuleStatusView } from './rule-status';

/** A rule's status as a badge (see ruleStatusView). */
export function RuleStatusBadge({ view }: { view: RuleStatusView }) {
  return (
    <Badge tone={view.tone} data-testid="rule-status">
      {view.label}
    </Badge>
  );
}
