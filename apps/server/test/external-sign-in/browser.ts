// A scripted browser for the sign-in redirects: keeps cookies by host name (ports do not
// separate cookies, as in a browser), name and path; follows no redirect by itself; fills the
// identity provider's login and consent pages as a person would.
interface StoredCookie {
  value: string;
  path: string;
}

export interface Hop {
  status: number;
  location: string | null;
  body: string;
}

export class ScriptedBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).hostname)?.get(name)?.value;
  }

  forget(url: string, name: string): void {
    this.jar.get(new URL(url).hostname)?.delete(name);
  }

  private cookieHeader(url: URL): string {
    const cookies = this.jar.get(url.hostname) ?? new Map<string, StoredCookie>();
    return [...cookies]
      .filter(([, cookie]) => url.pathname.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  private keep(url: URL, response: Response): void {
    const cookies = this.jar.get(url.hostname) ?? new Map<string, StoredCookie>();
    this.jar.set(url.hostname, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attributes.some(
        (a) =>
          a.toLowerCase() === 'max-age=0' || a.toLowerCase().startsWith('expires=thu, 01 jan 1970'),
      );
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, { value, path });
    }
  }

  /** One request; the answer's cookies are kept, its redirect is not followed. */
  async request(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      body?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Hop> {
    const target = new URL(url);
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(target),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      body: init.form ? new URLSearchParams(init.form).toString() : init.body,
    });
    this.keep(target, response);
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location === null ? null : new URL(location, target).href,
      body: await response.text(),
    };
  }

  /** Follows redirects from `url` until one points at `stopAt`'s origin (returned, not
   * requested), or a page answers; the identity provider's login and consent pages are filled
   * in on the way (as `login`, any password; Continue). */
  async walk(url: string, stopAt: string, login: string): Promise<string> {
    const stop = new URL(stopAt).origin;
    let next: Hop = await this.request(url);
    let current = url;
    for (let step = 0; step < 20; step++) {
      if (next.location) {
        if (new URL(next.location).origin === stop) return next.location;
        current = next.location;
        next = await this.request(current);
        continue;
      }
      const action = /<form[^>]*action="([^"]+)"/.exec(next.body)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(next.body)?.[1];
      if (next.status !== 200 || !action || !prompt) {
        throw new Error(`stuck at ${current} (${next.status}): ${next.body.slice(0, 300)}`);
      }
      const form: Record<string, string> =
        prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
      current = new URL(action.replaceAll('&amp;', '&'), current).href;
      next = await this.request(current, { form });
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
