import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An endpoint's deliveries, newest first: status, attempts, last code and error; redeliver. */
export function WebhookDeliveryLog({ endpointId }: { endpointId: string }) {
  const utils = trpc.useUtils();
  const log = trpc.admin.webhooks.deliveries.useQuery({ id: endpointId });
  const redeliver = trpc.admin.webhooks.redeliver.useMutation({
    onSettled: () => utils.admin.webhooks.deliveries.invalidate({ id: endpointId }),
  });

  return (
    <section aria-labelledby="delivery-log-title">
      <h2 id="delivery-log-title">Delivery log</h2>
      <button type="button" className="button" onClick={() => void log.refetch()}>
        Refresh
      </button>
      {redeliver.data && <Notice>{redeliver.data.message}</Notice>}
      <FormAlert message={messageOf(log.error ?? redeliver.error)} />
      {log.data && log.data.deliveries.length === 0 && <p>Nothing delivered yet.</p>}
      {log.data && log.data.deliveries.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">Deliveries</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Occurred</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Response</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>{delivery.event_type}</td>
                <td data-label="Occurred">
                  <time dateTime={delivery.occurred_at}>
                    {when.format(new Date(delivery.occurred_at))}
                  </time>
                </td>
                <td data-label="Status">{delivery.status}</td>
                <td data-label="Attempts">{delivery.attempts}</td>
                <td data-label="Response">{delivery.last_status_code ?? '—'}</td>
                <td data-label="Last error">{delivery.last_error ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Redeliver ${delivery.event_type} of ${delivery.occurred_at}`}
                    disabled={redeliver.isPending || delivery.status === 'sending'}
                    onClick={() => redeliver.mutate({ id: endpointId, delivery_id: delivery.id })}
                  >
                    Redeliver
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
