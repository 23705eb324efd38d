import type { ReactNode } from 'react';

/** Errors for the whole form. The live region stays mounted so that a new message is announced. */
export function FormAlert({ message }: { message: string }) {
  return (
    <div className={message ? 'alert alert-error' : 'alert-empty'} role="alert">
      {message}
    </div>
  );
}

/** Good news, announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-ok" role="status">
      {children}
    </div>
  );
}
