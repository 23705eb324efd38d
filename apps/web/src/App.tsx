import { useRef, useState, type SyntheticEvent } from 'react';
import { Providers } from './providers';
import { trpc } from './trpc';

const formText = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

function LoginAndProfile({ onToken }: { onToken: (token: string | null) => void }) {
  const [signedIn, setSignedIn] = useState(false);
  const login = trpc.auth.login.useMutation({
    onSuccess: (pair) => {
      onToken(pair.access);
      setSignedIn(true);
    },
  });
  const profile = trpc.account.profile.useQuery(undefined, { enabled: signedIn });

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({ email: formText(form, 'email'), password: formText(form, 'password') });
  }

  if (profile.data) {
    return (
      <p>
        Signed in as <strong>{profile.data.username}</strong> ({profile.data.email})
      </p>
    );
  }
  return (
    <form onSubmit={submit}>
      <label>
        Email <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      {login.error && <p role="alert">{login.error.message}</p>}
    </form>
  );
}

export function App() {
  // The access token lives in memory only.
  const token = useRef<string | null>(null);
  return (
    <Providers getAccessToken={() => token.current}>
      <main>
        <h1>otp-auth</h1>
        <LoginAndProfile onToken={(value) => (token.current = value)} />
      </main>
    </Providers>
  );
}
