// Every test file's setup. Tests never leave this machine: any connection to a non-loopback address
// throws. And Tesseract's answers are kept between runs (below).
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.|localhost$)/;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const opts = args[0];
  const host =
    typeof opts === 'object' && opts !== null && !Array.isArray(opts)
      ? ((opts as net.TcpNetConnectOpts).host ?? 'localhost')
      : typeof args[1] === 'string'
        ? args[1]
        : typeof opts === 'string'
          ? null // a unix socket path
          : 'localhost';
  if (host !== null && typeof (opts as net.IpcNetConnectOpts)?.path !== 'string' && !LOOPBACK.test(String(host))) {
    throw new Error(`test/setup.ts: network access to ${String(host)} is not allowed in tests`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

// Tesseract's answers are kept between runs (test/bin/tesseract says how): the OCR tests read the
// same page images every run. OGI_TEST_OCR_MEMO=0 runs the engine on every call.
if (process.env.OGI_TEST_OCR_MEMO !== '0') {
  const bin = fileURLToPath(new URL('./bin', import.meta.url));
  if (!process.env.PATH?.split(':').includes(bin)) process.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
}
