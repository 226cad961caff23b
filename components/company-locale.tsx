'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { CompanyLocale } from '@/db/schema/enums';
import { DEFAULT_LOCALE } from '@/lib/dates/display-date';

const CompanyLocaleContext = createContext<CompanyLocale>(DEFAULT_LOCALE);

/** Gives every `<DateText>` below it the company's locale (the signed-in shell, app/(app)/layout.tsx). */
export function CompanyLocaleProvider({ locale, children }: { locale: CompanyLocale; children: ReactNode }) {
  return <CompanyLocaleContext value={locale}>{children}</CompanyLocaleContext>;
}

/** The locale the company's dates read in; en-US outside a company's pages. */
export function useCompanyLocale(): CompanyLocale {
  return useContext(CompanyLocaleContext);
}
