import QRCode from 'qrcode';

/**
 * An SVG QR code of `url`, made in the browser: no QR service is asked (branches may have no
 * internet, and a token must not leave the branch). Safe to render as HTML: the qrcode package
 * draws it from our own URL.
 */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
