// Sends a file to the API with XMLHttpRequest, because fetch cannot report
// upload progress and a 4,874-row roster on a slow connection takes a while.
// Answers and problems come back the way api() gives them (ApiError with the
// problem's title, detail and per-field errors); a 401 ends the session.
import { ApiError, type FieldError } from "../api";
import { currentSession, endSession } from "../session";
import { navigate } from "../main";

export interface UploadProgress {
  // "upload": `loaded` of `total` bytes sent; "processing": all sent, the
  // server is working on it.
  phase: "upload" | "processing";
  loaded: number;
  total: number;
}

export function uploadFile<T>(path: string, file: File, contentType: string, onProgress: (p: UploadProgress) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1${path}`);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("Content-Type", contentType);
    const session = currentSession();
    if (session) request.setRequestHeader("Authorization", `Bearer ${session.token}`);
    request.upload.onprogress = (event) => {
      const total = event.lengthComputable ? event.total : file.size;
      onProgress({ phase: "upload", loaded: event.loaded, total });
    };
    request.upload.onload = () => onProgress({ phase: "processing", loaded: file.size, total: file.size });
    request.onerror = () =>
      reject(new ApiError(0, "Tidak terhubung", "Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi."));
    request.onabort = () => reject(new ApiError(0, "Dibatalkan", "Pengunggahan dibatalkan."));
    request.onload = () => {
      let body: unknown = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        /* not JSON */
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(body as T);
        return;
      }
      if (request.status === 401 && session) {
        endSession();
        navigate("/masuk?alasan=sesi", true);
      }
      const problem = (body ?? {}) as { title?: string; detail?: string; errors?: FieldError[] };
      reject(new ApiError(request.status, problem.title ?? `Kesalahan ${request.status}`, problem.detail ?? "", problem.errors ?? []));
    };
    request.send(file);
  });
}
