import { trpc } from '../../api/trpc';

/** "Continue with …" for each provider the server offers. Plain links: the browser leaves the
 * app for the provider's own pages and the server brings it back (`/api/oidc/<id>/start`). */
export function ProviderButtons({ returnTo }: { returnTo: string }) {
  const providers = trpc.oidc.providers.useQuery(undefined, { staleTime: Infinity });
  const list = providers.data?.providers ?? [];
  if (list.length === 0) return null;
  return (
    <div className="providers">
      <p className="divider">
        <span>or</span>
      </p>
      <ul>
        {list.map((provider) => (
          <li key={provider.id}>
            <a
              className="button"
              href={`/api/oidc/${provider.id}/start?return_to=${encodeURIComponent(returnTo)}`}
            >
              Continue with {provider.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
