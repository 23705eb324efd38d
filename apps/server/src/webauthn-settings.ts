/** Where passkeys may be used: the relying party id (a domain) and the exact origins the
 * browser may report. Explicit settings win; otherwise PUBLIC_URL's; otherwise what `pnpm dev`
 * and `pnpm start` serve on this machine (`localhost`: browsers refuse passkeys on
 * `127.0.0.1`). */
export interface WebauthnSettings {
  rpId: string;
  origins: string[];
}

export function webauthnSettings(env: {
  WEBAUTHN_RP_ID?: string | undefined;
  WEBAUTHN_ORIGINS?: string | undefined;
  PUBLIC_URL?: string | undefined;
  PORT: number;
}): WebauthnSettings {
  const listed = (env.WEBAUTHN_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  const origins =
    listed.length > 0
      ? listed
      : env.PUBLIC_URL
        ? [env.PUBLIC_URL]
        : ['http://localhost:5173', `http://localhost:${String(env.PORT)}`];
  const rpId =
    env.WEBAUTHN_RP_ID ??
    new URL(origins[0] ?? 'http://localhost').hostname.replace(/^\[|\]$/g, '');
  return { rpId, origins };
}

/** What is wrong with the settings, in words; empty when they work. Each origin must be an
 * origin (no path), and its host the RP id or under it, or every ceremony would fail. */
export function webauthnProblems(settings: WebauthnSettings): string[] {
  const problems: string[] = [];
  for (const origin of settings.origins) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      problems.push(`  WEBAUTHN_ORIGINS: "${origin}" is not an origin (https://host[:port])`);
      continue;
    }
    if (url.origin !== origin) {
      problems.push(`  WEBAUTHN_ORIGINS: "${origin}" is not an origin (https://host[:port])`);
    } else if (url.hostname !== settings.rpId && !url.hostname.endsWith(`.${settings.rpId}`)) {
      problems.push(
        `  WEBAUTHN_RP_ID: "${settings.rpId}" must be ${url.hostname} or a domain it is under`,
      );
    }
  }
  return problems;
}
