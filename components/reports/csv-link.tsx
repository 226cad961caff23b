import { Download } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** The link that downloads a report as CSV (its route handler builds it from the same rows as the screen). */
export function CsvLink({ href }: { href: string }) {
  return (
    <Button render={<a href={href} download />} nativeButton={false} variant="outline" size="sm">
      <Download aria-hidden="true" />
      Export CSV
    </Button>
  );
}
