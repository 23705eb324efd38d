import { webhookEventTypes, type WebhookEventType } from '@otp-auth/validators';
import { useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { Page } from '../../components/Page';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { Link } from '../../router/router';
import { WebhookSecret } from './WebhookSecret';

/** The webhook endpoints, and a form for a new one (its secret shown once). */
export function WebhooksPage() {
  const utils = trpc.useUtils();
  const endpoints = trpc.admin.webhooks.list.useQuery();
  const create = trpc.admin.webhooks.create.useMutation({
    onSuccess: () => utils.admin.webhooks.list.invalidate(),
  });
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const errors = fieldErrorsOf(create.error);

  const toggle = (type: WebhookEventType, on: boolean) => {
    setEvents((chosen) => (on ? [...chosen, type] : chosen.filter((t) => t !== type)));
  };

  return (
    <Page
      title="Webhooks"
      intro="Endpoints that receive signed account events (Standard Webhooks), at least once, in order."
    >
      {endpoints.isPending && <p aria-busy="true">Loading endpoints…</p>}
      <FormAlert message={messageOf(endpoints.error)} />
      {endpoints.data && endpoints.data.endpoints.length === 0 && <p>No endpoints yet.</p>}
      {endpoints.data && endpoints.data.endpoints.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">Webhook endpoints</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">Pending</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.data.endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <Link to={`/admin/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                  {endpoint.description && <div className="hint">{endpoint.description}</div>}
                </td>
                <td data-label="Events">
                  {endpoint.events.length === 0 ? 'All events' : endpoint.events.join(', ')}
                </td>
                <td data-label="State">{endpoint.enabled ? 'Enabled' : 'Disabled'}</td>
                <td data-label="Pending">{endpoint.pending}</td>
                <td data-label="Failed">{endpoint.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Add an endpoint</h2>
      {create.data ? (
        <>
          <WebhookSecret
            secret={create.data.secret}
            note={`The endpoint ${create.data.endpoint.url} was added.`}
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              create.reset();
              setUrl('');
              setDescription('');
              setEvents([]);
            }}
          >
            Done
          </button>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ url, description, events });
          }}
        >
          <FormAlert message={Object.keys(errors).length ? '' : messageOf(create.error)} />
          <TextField
            name="url"
            label="URL"
            type="url"
            hint="http:// or https://, reachable from this server."
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            errors={errors.url}
            required
          />
          <TextField
            name="description"
            label="Description (optional)"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            errors={errors.description}
          />
          <fieldset className="field">
            <legend>Events (none chosen: every event)</legend>
            {webhookEventTypes.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  name="events"
                  value={type}
                  checked={events.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />{' '}
                {type}
              </label>
            ))}
            {errors.events && <p className="field-error">{errors.events.join(' ')}</p>}
          </fieldset>
          <SubmitButton pending={create.isPending} pendingLabel="Adding…">
            Add endpoint
          </SubmitButton>
        </form>
      )}
    </Page>
  );
}
