/** A mail as a reader sees it: decoded header values and text. */
export interface ParsedMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Every header, names lower-cased, values decoded, in file order. */
  headers: [name: string, value: string][];
}

/**
 * A small reader for the single-part plain-text mails this library writes: unfolds headers,
 * decodes RFC 2047 words and a quoted-printable or base64 body. Tests only, not a MIME parser.
 */
export function parseMail(raw: string): ParsedMail {
  const normalized = raw.replace(/\r\n/g, '\n');
  const split = normalized.indexOf('\n\n');
  const head = split === -1 ? normalized : normalized.slice(0, split);
  const body = split === -1 ? '' : normalized.slice(split + 2);
  const headers = head
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')
    .filter((line) => line.includes(':'))
    .map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim())];
    });
  const header = (name: string) => headers.find(([key]) => key === name)?.[1] ?? '';
  const charset = /charset="?([^";\s]+)/i.exec(header('content-type'))?.[1] ?? 'utf-8';
  return {
    from: header('from'),
    to: header('to'),
    subject: header('subject'),
    text: decodeBody(body, header('content-transfer-encoding').toLowerCase(), charset),
    headers,
  };
}

/** Decodes `=?charset?Q|B?…?=` words; the space between two adjacent words is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
      const words = [...run.matchAll(/=\?([^?*]+)[^?]*\?([BbQq])\?([^?]*)\?=/g)];
      const bytes = Buffer.concat(
        words.map(([, , encoding, text]) =>
          encoding.toUpperCase() === 'B'
            ? Buffer.from(text, 'base64')
            : qpBytes(text.replace(/_/g, ' ')),
        ),
      );
      return new TextDecoder(words[0]?.[1] ?? 'utf-8').decode(bytes);
    });
}

function decodeBody(body: string, encoding: string, charset: string): string {
  const bytes =
    encoding === 'quoted-printable'
      ? qpBytes(body.replace(/=\n/g, ''))
      : encoding === 'base64'
        ? Buffer.from(body, 'base64')
        : Buffer.from(body, 'utf8');
  return new TextDecoder(charset).decode(bytes);
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}
