// The error pages the proxy answers itself, in the shape of nginx's default pages.

const REASONS: Record<number, string> = {
  308: 'Permanent Redirect',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

export function errorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>mkube</center>\r\n</body>\r\n</html>\r\n`;
}

/** A whole HTTP/1.1 response, for sockets taken over by an upgrade request. */
export function rawErrorResponse(status: number, location?: string): string {
  const body = errorPage(status);
  const where = location ? `Location: ${location}\r\n` : '';
  return `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${where}Connection: close\r\n\r\n${body}`;
}

export { REASONS };
