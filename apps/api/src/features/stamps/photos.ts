import sharp from 'sharp';
import { ApiError } from '../../errors';

/** Largest decoded image accepted (about 8000 × 6000): a guard against decompression bombs. */
const MAX_INPUT_PIXELS = 50_000_000;
/** Stored photos are scaled down to fit this box (a phone photo needs no more for review). */
const MAX_EDGE = 2560;

const FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
type Format = keyof typeof FORMATS;

const notAnImage = () => new ApiError('UNSUPPORTED_MEDIA_TYPE', '照片须为 JPEG、PNG 或 WebP 图片');

/**
 * Proves an upload is a JPEG, PNG or WebP by decoding its bytes (its name and declared type are
 * ignored), then re-encodes it in the same format: rotated upright from its EXIF orientation,
 * scaled to fit 2560 px, with every piece of metadata (EXIF GPS position, camera, XMP, ICC) gone.
 */
export async function cleanPhoto(input: Buffer): Promise<{ data: Buffer; contentType: string }> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: false }).metadata()).format;
  } catch {
    throw notAnImage();
  }
  if (!format || !(format in FORMATS)) throw notAnImage();
  try {
    const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .autoOrient()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true });
    const encoded = format === 'jpeg' ? image.jpeg({ quality: 85 }) : format === 'png' ? image.png() : image.webp({ quality: 85 });
    return { data: await encoded.toBuffer(), contentType: FORMATS[format as Format] };
  } catch (err) {
    if (/pixel limit/i.test(String((err as Error).message))) throw new ApiError('PAYLOAD_TOO_LARGE', '照片像素过大');
    throw notAnImage();
  }
}
