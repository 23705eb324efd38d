import { auditEventTypes, type AuditEventsInput } from '@otp-auth/validators';
import { useState, type SyntheticEvent } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { eventLabel, eventTime } from '../../components/event-labels';
import { Page } from '../../components/Page';
import { Link, useLocation } from '../../router/router';

const PAGE_SIZE = 50;
type Filters = Omit<AuditEventsInput, 'cursor' | 'limit'>;

/** A `datetime-local` value (the browser's time zone) as the API's ISO 8601 time. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Only the filters given: empty fields filter nothing. */
function given(draft: Record<string, string>): Filters {
  return {
    user_id: draft.user_id?.trim() || undefined,
    type: (draft.type || undefined) as Filters['type'],
    ip: draft.ip?.trim() || undefined,
    from: isoOf(draft.from ?? ''),
    to: isoOf(draft.to ?? ''),
  };
}

/** The audit log, newest first: filters by account, type, client address and time; a page at a
 * time; the whole filtered log exported as JSON lines. */
export function AuditPage() {
  const { query } = useLocation();
  const [draft, setDraft] = useState<Record<string, string>>({
    user_id: query.get('user_id') ?? '',
  });
  const [filters, setFilters] = useState<Filters>(() => given(draft));
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const events = trpc.admin.auditEvents.useQuery(
    { ...filters, limit: PAGE_SIZE, cursor: cursors.at(-1) },
    { placeholderData: (previous) => previous, retry: false },
  );
  const utils = trpc.useUtils();
  const [exported, setExported] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  function apply(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters(given(draft));
    setCursors([undefined]);
  }

  /** Every page of the filtered log, one JSON object a line, saved as a file. */
  async function exportJsonLines() {
    setExporting(true);
    setExportError(null);
    setExported(null);
    try {
      const lines: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await utils.admin.auditEvents.fetch({ ...filters, limit: 100, cursor });
        for (const event of page.events) lines.push(JSON.stringify(event));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      const blob = new Blob(
        lines.map((line) => `${line}\n`),
        { type: 'application/x-ndjson' },
      );
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'audit-events.jsonl';
      link.click();
      URL.revokeObjectURL(link.href);
      setExported(`Exported ${String(lines.length)} events as JSON lines.`);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  const set = (name: string) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));
  const fields = fieldErrorsOf(events.error);
  const data = events.data;
  return (
    <Page title="Audit log" intro="Security events, newest first.">
      <form className="admin-filters" role="search" aria-label="Audit log" onSubmit={apply}>
        <label>
          User id
          <input value={draft.user_id ?? ''} onChange={set('user_id')} />
          {fields.user_id && <span className="field-error">{fields.user_id.join(' ')}</span>}
        </label>
        <label>
          Type
          <select value={draft.type ?? ''} onChange={set('type')}>
            <option value="">Any</option>
            {auditEventTypes.map((type) => (
              <option key={type} value={type}>
                {eventLabel(type)}
              </option>
            ))}
          </select>
        </label>
        <label>
          IP address
          <input value={draft.ip ?? ''} onChange={set('ip')} />
          {fields.ip && <span className="field-error">{fields.ip.join(' ')}</span>}
        </label>
        <label>
          From
          <input type="datetime-local" value={draft.from ?? ''} onChange={set('from')} />
        </label>
        <label>
          Until
          <input type="datetime-local" value={draft.to ?? ''} onChange={set('to')} />
        </label>
        <button type="submit" className="button primary">
          Filter
        </button>
      </form>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={exporting}
          onClick={() => void exportJsonLines()}
        >
          {exporting ? 'Exporting…' : 'Export as JSON lines'}
        </button>
      </div>
      {exported && <Notice>{exported}</Notice>}
      <FormAlert message={messageOf(events.error ?? exportError)} />
      {events.isPending && <p aria-busy="true">Loading events…</p>}
      {data && data.events.length === 0 && <p>No events match.</p>}
      {data && data.events.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">Audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Account</th>
              <th scope="col">Address</th>
              <th scope="col">By admin</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((event) => (
              <tr key={event.id}>
                <td>
                  <time dateTime={event.created_at}>
                    {eventTime.format(new Date(event.created_at))}
                  </time>
                </td>
                <td data-label="Event">{eventLabel(event.type)}</td>
                <td data-label="Account">
                  {event.user_id ? (
                    <Link to={`/admin/users/${event.user_id}`}>{event.email ?? event.user_id}</Link>
                  ) : (
                    (event.email ?? '—')
                  )}
                </td>
                <td data-label="Address">{event.ip ?? '—'}</td>
                <td data-label="By admin">
                  {event.actor_id ? <Link to={`/admin/users/${event.actor_id}`}>Yes</Link> : 'No'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (cursors.length > 1 || data.next_cursor) && (
        <nav className="pager" aria-label="Pages of events">
          <button
            type="button"
            className="button"
            disabled={cursors.length <= 1 || events.isFetching}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer events
          </button>
          <button
            type="button"
            className="button"
            disabled={!data.next_cursor || events.isFetching}
            onClick={() => setCursors((c) => [...c, data.next_cursor ?? undefined])}
          >
            Older events
          </button>
        </nav>
      )}
    </Page>
  );
}
