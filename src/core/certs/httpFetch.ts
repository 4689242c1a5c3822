import { undici } from '../lazyLibraries';

/**
 * Small HTTP(S) exchanges of the inspector: downloading an issuer (AIA), a CRL, or asking an
 * OCSP responder. Bounded in time and size, because those URLs point at third parties.
 */
export interface FetchOptions {
  method?: 'GET' | 'POST';
  body?: Buffer;
  contentType?: string;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export async function fetchBytes(url: string, options: FetchOptions): Promise<Buffer> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`only http and https URLs can be fetched, not ${parsed.protocol}`);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const { request } = undici;
    const response = await request(parsed, {
      method: options.method ?? 'GET',
      body: options.body,
      headers: options.contentType ? { 'content-type': options.contentType } : {},
      signal,
      maxRedirections: 3,
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`HTTP ${response.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBytes) {
        response.body.destroy();
        throw new Error(`the answer is larger than ${options.maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (timeout.aborted && !options.signal?.aborted) throw new Error(`no answer within ${options.timeoutMs} ms`);
    throw error;
  }
}
