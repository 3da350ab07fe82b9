/**
 * How the client reaches the network. The client builds URLs, headers and JSON; a transport only
 * moves bytes, so the same client runs on `fetch` (H5, Node tests) and on `Taro.request` (weapp).
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** Already serialised (JSON text); absent for GET/DELETE without a body. */
  body?: string;
  timeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  /** Parsed JSON when the response was JSON, the raw text otherwise, undefined when empty. */
  data: unknown;
}

/** A file to send as one multipart part; which field a transport reads depends on the platform. */
export interface UploadFile {
  /** Weapp: a temp file path from chooseMedia. H5: a blob: URL (Taro's chooseMedia gives one). */
  filePath?: string;
  /** H5/Node: the file itself. */
  blob?: Blob;
  fileName?: string;
}

export interface TransportUpload {
  url: string;
  headers: Record<string, string>;
  /** Name of the file part, e.g. `photo`. */
  name: string;
  file: UploadFile;
  fields: Record<string, string>;
  onProgress?: (percent: number) => void;
  timeoutMs?: number;
}

export interface TransportDownload {
  url: string;
  headers: Record<string, string>;
}

export interface DownloadedFile {
  status: number;
  /** Something an `<Image src>` can show: a temp file path (weapp) or an object URL (H5). */
  src: string;
}

export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
  upload(req: TransportUpload): Promise<TransportResponse>;
  download(req: TransportDownload): Promise<DownloadedFile>;
}

/** Parses a body that may be JSON, as `uploadFile` gives it (a string) or as text. */
export function parseBody(text: string | undefined | null): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
