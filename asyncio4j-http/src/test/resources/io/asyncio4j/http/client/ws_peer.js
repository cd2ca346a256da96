// Node's `ws` as the WebSocket server of the client's interop tests. Prints "PORT <n>" once
// listening on 127.0.0.1, then "CLOSED <code> <reason>" for each connection that closes; exits when
// its stdin closes. argv[2] is a JSON config: {"deflate": false | {ws's perMessageDeflate options},
// "tls": null | {"cert": path, "key": path}, "protocols": ["chat", ...]}.
const fs = require('fs');
const http = require('http');
const https = require('https');
const { WebSocketServer } = require('ws');

const config = JSON.parse(process.argv[2] || '{}');
const server = config.tls
    ? https.createServer({ cert: fs.readFileSync(config.tls.cert), key: fs.readFileSync(config.tls.key) })
    : http.createServer();
const wss = new WebSocketServer({
    server,
    perMessageDeflate: config.deflate || false,
    handleProtocols: (offered) => {
        for (const p of config.protocols || []) {
            if (offered.has(p)) return p;
        }
        return false;
    },
});

// the response's extension header, as sent, for "info"
wss.on('headers', (headers, req) => {
    req.sentExtensions = headers.filter((h) => h.toLowerCase().startsWith('sec-websocket-extensions:'))
        .map((h) => h.substring(h.indexOf(':') + 1).trim()).join(', ') || null;
});

wss.on('connection', (ws, req) => {
    ws.on('message', (data, isBinary) => {
        if (isBinary) {
            ws.send(data, { binary: true });
            return;
        }
        const text = data.toString('utf8');
        const [command, ...rest] = text.split(' ');
        switch (command) {
            case 'headers':
                ws.send(JSON.stringify(req.headers));
                break;
            case 'info':
                ws.send(JSON.stringify({ protocol: ws.protocol, extensions: req.sentExtensions }));
                break;
            case 'close':
                ws.close(Number(rest[0]), rest.slice(1).join(' '));
                break;
            case 'ping':
                ws.once('pong', (payload) => ws.send('pong ' + payload.toString('utf8')));
                ws.ping(rest.join(' '));
                break;
            case 'fragments':
                ws.send('frag', { fin: false });
                ws.send('men', { fin: false });
                ws.send('ted', { fin: true });
                break;
            case 'big':
                ws.send('abcdefghij'.repeat(Number(rest[0]) / 10));
                break;
            case 'reserved-opcode':
                ws._socket.write(Buffer.from([0x83, 0x00]));
                break;
            case 'terminate':
                ws.terminate();
                break;
            default:
                ws.send(text);
        }
    });
    ws.on('close', (code, reason) => console.log('CLOSED ' + code + ' ' + reason.toString('utf8')));
});

server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
