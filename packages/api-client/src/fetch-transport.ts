import { ApiError } from './errors';
import { parseBody, type DownloadedFile, type Transport, type TransportResponse } from './transport';

type FetchLike = typeof fetch;

async function readResponse(res: Response): Promise<TransportResponse> {
  return { status: res.status, data: parseBody(await res.text()) };
}

function networkError(err: unknown): ApiError {
  const aborted = !!err && typeof err === 'object' && (err as { name?: string }).name === 'AbortError';
  return aborted ? new ApiError(0, 'TIMEOUT', '请求超时') : new ApiError(0, 'NETWORK_ERROR', String((err as Error)?.message ?? err));
}

async function withTimeout<T>(timeoutMs: number | undefined, run: (signal?: AbortSignal) => Promise<T>): Promise<T> {
  if (!timeoutMs || typeof AbortController === 'undefined') return run(undefined);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Transport over WHATWG `fetch`: H5 builds and Node tests. */
export function createFetchTransport(fetchImpl: FetchLike = (...args) => fetch(...args)): Transport {
  return {
    async request({ method, url, headers, body, timeoutMs }) {
      try {
        return await withTimeout(timeoutMs, async (signal) => readResponse(await fetchImpl(url, { method, headers, body, signal })));
      } catch (err) {
        throw networkError(err);
      }
    },

    async upload({ url, headers, name, file, fields, onProgress, timeoutMs }) {
      try {
        const blob = file.blob ?? (file.filePath ? await (await fetchImpl(file.filePath)).blob() : undefined);
        if (!blob) throw new ApiError(0, 'BAD_RESPONSE', '没有要上传的文件');
        const form = new FormData();
        for (const [key, value] of Object.entries(fields)) form.append(key, value);
        form.append(name, blob, file.fileName ?? 'photo.jpg');
        onProgress?.(10);
        const res = await withTimeout(timeoutMs, (signal) => fetchImpl(url, { method: 'POST', headers, body: form, signal }));
        onProgress?.(100);
        return await readResponse(res);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw networkError(err);
      }
    },

    async download({ url, headers }): Promise<DownloadedFile> {
      try {
        const res = await fetchImpl(url, { headers });
        if (!res.ok) return { status: res.status, src: '' };
        const blob = await res.blob();
        return { status: res.status, src: URL.createObjectURL(blob) };
      } catch (err) {
        throw networkError(err);
      }
    },
  };
}
