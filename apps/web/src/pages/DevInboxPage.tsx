import { useQuery } from '@tanstack/react-query';
import { Page } from '../components/Page';
import { Link } from '../router/router';

interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** Development only (imported behind import.meta.env.DEV): the mails the dev server "sent". */
/** The page that takes the code, by the kind of mail (its subject names it). */
function whereToEnter(subject: string, to: string): string {
  const email = encodeURIComponent(to);
  if (/password reset code/.test(subject)) return `/reset?email=${email}`;
  if (/email change code/.test(subject)) return '/account';
  return `/verify?email=${email}`;
}

export default function DevInboxPage() {
  const inbox = useQuery({
    queryKey: ['dev-inbox'],
    queryFn: async () => {
      const response = await fetch('/dev/inbox');
      if (!response.ok) throw new Error('The dev inbox is off: the server sends real mail.');
      return ((await response.json()) as { mails: DevMail[] }).mails;
    },
    refetchInterval: 2000,
  });

  return (
    <Page
      title="Dev inbox"
      intro="Mail the development server would have sent. It refreshes by itself."
    >
      {inbox.error && <p className="alert alert-error">{inbox.error.message}</p>}
      {inbox.data?.length === 0 && <p>No mail yet. Create an account to get a code.</p>}
      <ul className="inbox">
        {inbox.data?.map((mail) => {
          const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
          return (
            <li key={mail.id}>
              <article aria-label={`${mail.subject} to ${mail.to}`}>
                <header>
                  <h2>{mail.subject}</h2>
                  <p className="hint">
                    to {mail.to} ·{' '}
                    <time dateTime={mail.sentAt}>{new Date(mail.sentAt).toLocaleTimeString()}</time>
                  </p>
                </header>
                {code && (
                  <p className="inbox-code">
                    Code <strong>{code}</strong>{' '}
                    <Link to={whereToEnter(mail.subject, mail.to)}>Enter it</Link>
                  </p>
                )}
                <pre>{mail.text}</pre>
              </article>
            </li>
          );
        })}
      </ul>
    </Page>
  );
}
