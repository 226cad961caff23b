import '@/components/reports/report-print.css';

/** The reports' own layout: it only brings their print stylesheet (the shell is the (app) layout's). */
export default function ReportsLayout({ children }: { children: React.ReactNode }) {
  return children;
}
