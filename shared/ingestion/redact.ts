/** Tokens never reach a log line or an error message: secret-bearing query parameters are masked. */

const SECRET_PARAMS = /^(access_token|token|key|api_key|apikey|client_secret|appsecret_proof|password|sig|signature)$/i;

export const redactUrl = (link: string): string => {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link.replace(/(access_token|token|key|api_key)=[^&\s]+/gi, '$1=REDACTED');
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) url.searchParams.set(name, 'REDACTED');
  }
  return url.href;
};

/** Masks any token-looking parameter inside free text (an upstream error message that echoes the URL). */
export const redactText = (text: string): string =>
  text.replace(/\b(access_token|api_key|apikey|client_secret|key|token)=[^&\s"']+/gi, '$1=REDACTED');
