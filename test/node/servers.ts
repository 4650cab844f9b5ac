/** Servers a test file starts on loopback, and closes (open keep-alive sockets included) when it ends. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function serverPool(): { listen(server: Server): Promise<number>; url(server: Server): Promise<string>; closeAll(): Promise<void> } {
  const servers: Server[] = [];
  const pool = {
    /** Listens on a free port of 127.0.0.1; the port. */
    async listen(server: Server) {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    },
    /** The same, as the server's base URL. */
    async url(server: Server) {
      return `http://127.0.0.1:${await pool.listen(server)}`;
    },
    async closeAll() {
      for (const server of servers.splice(0)) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    },
  };
  return pool;
}
