import type { ReactNode } from 'react';

/** A secret the server hands over once (a new API key, a temporary password): labelled, selectable, never stored here. */
export function ShownOnce({ id, label, value }: { id: string; label: ReactNode; value: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <output id={id} className="secret" data-testid={id}>
        {value}
      </output>
    </div>
  );
}
