import QRCode from "qrcode";

/**
 * The page's address as a QR code, drawn on the server as SVG so it prints sharp at any size and costs
 * the phone no script. Medium error correction survives a scuffed or rain-marked print on a door.
 */
export async function StationQrCode({ url, label }: { url: string; label: string }) {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
  // role="img" makes the SVG's paths presentational: screen readers announce the label, not the drawing.
  return <div className="station-qr" role="img" aria-label={label} data-testid="station-qr" dangerouslySetInnerHTML={{ __html: svg }} />;
}
