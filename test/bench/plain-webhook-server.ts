// The intake benchmark's yardstick: node:http reading each POST body and answering 200,
// storing nothing and checking nothing. Run as a child process, as the real receiver is.
import http from 'node:http';

const server = http.createServer((request, response) => {
  request.resume();
  request.once('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`Plain server: http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
