import type { AddressInfo } from 'node:net';

/**
 * Where this process listens, as a base URL: the address its server is bound to (a wildcard address is reached on
 * the loopback). Used instead of a request's Host header wherever the process must reach itself.
 */
export function listeningOrigin(server: { address(): AddressInfo | string | null }): string {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('le serveur n’écoute pas encore');
  const host = ['0.0.0.0', '::', ''].includes(address.address)
    ? '127.0.0.1'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}
