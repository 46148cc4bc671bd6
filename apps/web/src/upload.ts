import { ApiError, ErrorBody, sendToSignIn } from './api';

/**
 * Sends a file as the request body itself (not a form), with its own type, as the API's receipt
 * route takes it; answers and refusals come back as from `api`.
 */
export async function uploadFile<T>(path: string, file: Blob): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': file.type }, body: file });
  } catch {
    throw new ApiError(0);
  }
  if (response.status === 401) sendToSignIn('expired');
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => undefined)) as ErrorBody | undefined);
  return (await response.json()) as T;
}
