import { formatCountdown } from '../session/use-cooldown';

/** "Send a new code", disabled with a countdown while the server's cooldown runs. */
export function ResendCode({
  secondsLeft,
  pending,
  onResend,
}: {
  secondsLeft: number;
  pending: boolean;
  onResend: () => void;
}) {
  return (
    <div className="resend">
      <span>Didn’t get it? Check your spam folder, or</span>
      <button
        type="button"
        className="button link"
        disabled={secondsLeft > 0 || pending}
        aria-busy={pending}
        onClick={onResend}
      >
        {secondsLeft > 0
          ? `resend in ${formatCountdown(secondsLeft)}`
          : pending
            ? 'sending…'
            : 'send a new code'}
      </button>
    </div>
  );
}
