import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { ConfirmAction } from '../../components/ConfirmAction';
import { Page } from '../../components/Page';
import { Link, navigate } from '../../router/router';
import type { AdminPageProps } from './admin-page-props';
import { WebhookDeliveryLog } from './WebhookDeliveryLog';
import { WebhookSecret } from './WebhookSecret';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One endpoint: rotate its secret, disable or enable it, delete it, and its delivery log. */
export function WebhookEndpointPage({ params }: AdminPageProps) {
  const id = params.id ?? '';
  const utils = trpc.useUtils();
  const endpoint = trpc.admin.webhooks.get.useQuery({ id });
  const refresh = () =>
    Promise.all([
      utils.admin.webhooks.get.invalidate({ id }),
      utils.admin.webhooks.list.invalidate(),
    ]);
  const rotate = trpc.admin.webhooks.rotateSecret.useMutation({ onSuccess: refresh });
  const update = trpc.admin.webhooks.update.useMutation({ onSuccess: refresh });
  const remove = trpc.admin.webhooks.delete.useMutation({
    onSuccess: async (result) => {
      await utils.admin.webhooks.list.invalidate();
      navigate('/admin/webhooks', { notice: result.message });
    },
  });
  const data = endpoint.data;

  return (
    <Page title="Webhook endpoint" intro={data?.url ?? ''}>
      <p>
        <Link to="/admin/webhooks">All endpoints</Link>
      </p>
      {endpoint.isPending && <p aria-busy="true">Loading the endpoint…</p>}
      <FormAlert
        message={messageOf(endpoint.error ?? rotate.error ?? update.error ?? remove.error)}
      />
      {data && (
        <>
          <dl className="webhook-facts">
            <dt>State</dt>
            <dd>{data.enabled ? 'Enabled' : 'Disabled: new events are not queued for it'}</dd>
            <dt>Events</dt>
            <dd>{data.events.length === 0 ? 'All events' : data.events.join(', ')}</dd>
            {data.description && (
              <>
                <dt>Description</dt>
                <dd>{data.description}</dd>
              </>
            )}
            {data.previous_secret_expires_at && (
              <>
                <dt>Previous secret</dt>
                <dd>
                  Signs too until{' '}
                  <time dateTime={data.previous_secret_expires_at}>
                    {when.format(new Date(data.previous_secret_expires_at))}
                  </time>
                </dd>
              </>
            )}
          </dl>
          {rotate.data && (
            <WebhookSecret
              secret={rotate.data.secret}
              note="The new secret signs from now on; the previous one signs beside it for a grace period."
            />
          )}
          {update.data && (
            <Notice>{data.enabled ? 'Endpoint enabled.' : 'Endpoint disabled.'}</Notice>
          )}
          <div className="actions">
            <ConfirmAction
              label="Rotate secret"
              question="Make a new signing secret? The current one keeps signing for a grace period."
              confirmLabel="Rotate secret"
              busy={rotate.isPending}
              onConfirm={() => rotate.mutate({ id })}
            />
            {data.enabled ? (
              <ConfirmAction
                label="Disable"
                question="Disable this endpoint? New events are not queued for it until enabled."
                confirmLabel="Disable endpoint"
                busy={update.isPending}
                onConfirm={() => update.mutate({ id, enabled: false })}
              />
            ) : (
              <button
                type="button"
                className="button"
                disabled={update.isPending}
                onClick={() => update.mutate({ id, enabled: true })}
              >
                Enable
              </button>
            )}
            <ConfirmAction
              label="Delete"
              question="Delete this endpoint and its delivery log? Undelivered events are dropped."
              confirmLabel="Delete endpoint"
              busy={remove.isPending}
              onConfirm={() => remove.mutate({ id })}
            />
          </div>
          <WebhookDeliveryLog endpointId={id} />
        </>
      )}
    </Page>
  );
}
