import { renderSVG } from 'uqr';

/** The otpauth URL as a QR code, drawn in the page from an SVG made here (no outside request). */
export function QrCode({ value }: { value: string }) {
  const svg = renderSVG(value, { border: 2, pixelSize: 6 });
  return (
    <img
      className="qr-code"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt="QR code to scan with your authenticator app"
      width={220}
      height={220}
    />
  );
}
