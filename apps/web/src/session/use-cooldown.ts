import { useCallback, useEffect, useState } from 'react';

/** The server ignores a resend inside its cooldown, so the app counts the cooldown down itself
 * from the last send it made (kept per address for this tab, so a reload does not reset it). */
const RESEND_COOLDOWN_SECONDS = 60;

const keyFor = (email: string) => `otp-auth:code-sent:${email}`;

export function markCodeSent(email: string, at = Date.now()) {
  sessionStorage.setItem(keyFor(email), String(at));
}

function secondsLeft(email: string, cooldown: number): number {
  const sent = Number(sessionStorage.getItem(keyFor(email)) ?? 0);
  return Math.max(0, Math.ceil(cooldown - (Date.now() - sent) / 1000));
}

export function useCooldown(email: string, cooldown = RESEND_COOLDOWN_SECONDS) {
  const [left, setLeft] = useState(() => secondsLeft(email, cooldown));

  useEffect(() => {
    setLeft(secondsLeft(email, cooldown));
    const timer = setInterval(() => setLeft(secondsLeft(email, cooldown)), 1000);
    return () => clearInterval(timer);
  }, [email, cooldown]);

  const start = useCallback(() => {
    markCodeSent(email);
    setLeft(cooldown);
  }, [email, cooldown]);

  return { secondsLeft: left, start };
}

export const formatCountdown = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
