// MHTML ("single file web page", Word's .mht, often served as .doc): the HTML part, decoded.

/**
 * The HTML part of a MHTML file (Word's "single file web page", often served as .doc or .mht):
 * its bytes with the transfer encoding undone, and the part's Content-Type. Undefined for other files.
 */
export function mhtHtmlPart(bytes: Buffer): { bytes: Buffer; contentType: string } | undefined {
  const head = bytes.subarray(0, 2048).toString('latin1');
  if (!/^\s*(MIME-Version|Content-Type|From|Subject|Date|X-[\w-]+)\s*:/i.test(head)) return undefined;
  const boundary = /boundary\s*=\s*"?([^"\r\n;]+)"?/i.exec(head)?.[1];
  if (!/multipart\/related/i.test(head) || !boundary) return undefined;
  for (const part of bytes.toString('latin1').split(`--${boundary}`).slice(1)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const contentType = /^content-type\s*:\s*([^\r\n]+)/im.exec(headers)?.[1] ?? '';
    if (!/text\/html/i.test(contentType)) continue;
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const encoding = /^content-transfer-encoding\s*:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(body, 'base64')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body
                .replace(/=\r?\n/g, '')
                .replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            )
          : Buffer.from(body, 'latin1');
    return { bytes: decoded, contentType };
  }
  return undefined;
}
