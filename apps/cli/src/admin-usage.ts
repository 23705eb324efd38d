/** The admin commands' lines in `otp-auth --help`. */
export const adminUsage = `  admin users [--search S] [--state pending|active|disabled] [--sort created|last_login]
              [--order desc|asc] [--limit N] [--cursor C]
                                              find accounts (a page, with the total)
  admin user <id>                             one account: profile, sign-in, sessions, events
  admin disable <id> | admin enable <id>      disable (its sessions end) or enable an account
  admin sessions end <id> [--session S]       end one session, or every session
  admin audit [--user ID] [--type T] [--ip A] [--from ISO] [--to ISO] [--limit N]
              [--cursor C] [--jsonl]          the audit log; --jsonl: every match, JSON lines
  admin webhooks list                         the webhook endpoints
  admin webhooks create --target URL [--events user.created,user.deleted] [--description D]
                                              a new endpoint; prints its secret this once
  admin webhooks rotate --id ID               a new secret; the previous one signs for a while
  admin webhooks disable|enable|delete --id ID
  admin webhooks deliveries --id ID [--status pending|sending|delivered|failed]
                                              the delivery log, newest first
  admin webhooks redeliver --id ID --delivery DELIVERY_ID
                                              send that event again (same webhook-id)`;
