// Example values of the webhook admin API for the OpenAPI document (`.meta({ examples })`).
export const webhookEndpoint = {
  id: '0193a0c4-5b7e-7c21-9f3d-2e8b6a1c4d77',
  url: 'https://crm.example.com/hooks/otp-auth',
  description: 'CRM provisioning',
  events: ['user.created', 'user.deleted'],
  enabled: true,
  previous_secret_expires_at: null,
  pending: 0,
  failed: 0,
  created_at: '2026-12-04T10:00:00.000Z',
  updated_at: '2026-12-04T10:00:00.000Z',
};
export const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const webhookDelivery = {
  id: '0193a0c5-2a3b-7c4d-8e5f-6a7b8c9d0e1f',
  event_id: '0193a0c5-1e2f-7a3b-8c4d-5e6f7a8b9c0d',
  event_type: 'user.created',
  occurred_at: '2026-12-04T10:05:00.000Z',
  status: 'failed',
  attempts: 18,
  next_attempt_at: null,
  last_attempt_at: '2026-12-04T18:31:12.000Z',
  last_status_code: 503,
  last_error: 'The receiver answered 503.',
  response_excerpt: 'Service Unavailable',
  delivered_at: null,
};
