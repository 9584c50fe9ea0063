import net, { type AddressInfo } from 'node:net';

/** A loopback port where nothing listens (bound, then released): for "cluster unreachable" cases. */
export async function unusedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}
