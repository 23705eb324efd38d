/** Where a request came from; recorded on sessions and audit events. A leaf: the audit log,
 * the keys and the context all read it, and it imports nothing. */
export interface RequestMeta {
  ip?: string | undefined;
  userAgent?: string | undefined;
  /** The HTTP request's id, so that what the domain reports can be found in the request log. */
  requestId?: string | undefined;
}
