/**
 * How every provider words a platform refusing an account's credentials
 * ("echo3D refused the credentials of "Studio" (HTTP 400). Check…"). The IPC
 * error and a failed download carry only the generic `provider` or `account`
 * code, so the window recognises a refusal by this phrase, which the providers
 * take from here.
 */
export const CREDENTIALS_REFUSED = 'refused the credentials of';

export function isCredentialsRefusal(message: string): boolean {
  return message.includes(CREDENTIALS_REFUSED);
}
