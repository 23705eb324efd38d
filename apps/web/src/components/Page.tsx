import { useEffect, useRef, type ReactNode } from 'react';
import { Notice } from './Alerts';

let firstPage = true;

/** A page's card: sets the document title, and after a client-side navigation moves focus to the
 * heading so that screen readers announce the new page. */
export function Page({
  title,
  intro,
  notice,
  children,
}: {
  title: string;
  intro?: ReactNode;
  notice?: string | null;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · otp-auth`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <section className="card" aria-labelledby="page-title">
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {notice && <Notice>{notice}</Notice>}
      {intro && <p className="intro">{intro}</p>}
      {children}
    </section>
  );
}
