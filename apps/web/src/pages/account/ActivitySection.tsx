import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { eventLabel, eventTime } from '../../components/event-labels';
import { AccountSection } from './AccountSection';

/** The owner's own security events, newest first, a page at a time; an admin's hand is marked. */
export function ActivitySection() {
  const activity = trpc.account.activity.useInfiniteQuery(
    { limit: 10 },
    { getNextPageParam: (page) => page.next_cursor ?? undefined },
  );
  const events = activity.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <AccountSection id="activity" title="Recent activity">
      {activity.isPending && <p aria-busy="true">Loading your recent activity…</p>}
      <FormAlert message={messageOf(activity.error)} />
      {activity.data && events.length === 0 && <p>Nothing yet.</p>}
      {events.length > 0 && (
        <ul className="activity">
          {events.map((event, index) => (
            <li key={`${event.created_at}-${String(index)}`}>
              <strong>{eventLabel(event.type)}</strong>
              {event.by_admin && <span className="badge">By an administrator</span>}
              <p className="hint">
                <time dateTime={event.created_at}>
                  {eventTime.format(new Date(event.created_at))}
                </time>
                {event.ip && ` · ${event.ip}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {activity.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={activity.isFetchingNextPage}
          onClick={() => void activity.fetchNextPage()}
        >
          {activity.isFetchingNextPage ? 'Loading…' : 'Show older events'}
        </button>
      )}
    </AccountSection>
  );
}
