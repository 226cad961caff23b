'use client';

import dynamic from 'next/dynamic';

/**
 * The charts load in the browser only: the server renders each chart's table (its text alternative) and a box of
 * the chart's height, and never loads recharts, which would cost every Overview render and cannot size itself
 * without a browser anyway.
 */
const placeholder = () => <div aria-hidden="true" className="h-64 w-full" />;

export const RevenueExpenseChart = dynamic(() => import('./revenue-expense-chart').then((m) => m.RevenueExpenseChart), { ssr: false, loading: placeholder });
export const CashFlowChart = dynamic(() => import('./cash-flow-chart').then((m) => m.CashFlowChart), { ssr: false, loading: placeholder });
