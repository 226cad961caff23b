'use client';

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/**
 * While a row's ⋯ menu or one of its dialogs is open, the list under it holds still: no background refresh, and
 * a refresh already on its way (one an operation asked for) is shown only once the menu or dialog closes. A
 * refresh landing between opening a menu and choosing an item re-rendered the rows under the pointer, and the
 * choice could be lost. Nothing is skipped: the held data is shown the moment the hold ends.
 */
interface ListHold {
  /** Starts a hold; the function it returns ends it. */
  hold: () => () => void;
}

const HoldContext = createContext<ListHold | null>(null);

/** The list's side: whether something holds it now, and what its rows get through `ListHoldProvider`. */
export function useListHold(): { held: boolean; value: ListHold } {
  const [holds, setHolds] = useState(0);
  const value = useMemo<ListHold>(
    () => ({
      hold() {
        setHolds((n) => n + 1);
        let ended = false;
        return () => {
          if (ended) return;
          ended = true;
          setHolds((n) => n - 1);
        };
      },
    }),
    [],
  );
  return { held: holds > 0, value };
}

export function ListHoldProvider({ value, children }: { value: ListHold; children: ReactNode }) {
  return <HoldContext value={value}>{children}</HoldContext>;
}

/** Holds the list around this component while `active` (a no-op outside a list, e.g. on the rule's own page). */
export function useHoldWhile(active: boolean) {
  const context = useContext(HoldContext);
  useEffect(() => (active && context ? context.hold() : undefined), [active, context]);
}
