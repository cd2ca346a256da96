// Node's `ws` as the WebSocket client of the server's interop tests: one scripted conversation,
// each event printed as a line, then exit. argv: url, JSON config {"protocols": [...],
// "deflate": false | {ws's perMessageDeflate options}, "origin": "..."}.
const { WebSocket } = require('ws');

const [url, configJson] = process.argv.slice(2);
const config = JSON.parse(configJson || '{}');
const ws = new WebSocket(url, config.protocols || [], {
    perMessageDeflate: config.deflate === undefined ? false : config.deflate,
    origin: config.origin,
});
const out = (line) => console.log(line);

ws.on('unexpected-response', (req, res) => {
    out('REFUSED ' + res.statusCode);
    process.exit(0);
});
ws.on('open', () => {
    out('OPEN protocol=' + ws.protocol + ' extensions=' + ws.extensions);
    ws.send('hello');
    ws.send(Buffer.from([1, 2, 3]));
    ws.send('frag', { fin: false });
    ws.send('ment', { fin: true });
    ws.send('κόσμε'.repeat(1000));
    ws.ping('p1');
    ws.send('close-me');
});
ws.on('message', (data, isBinary) => {
    if (isBinary) out('BINARY ' + data.toString('hex'));
    else out('TEXT ' + (data.length > 60 ? data.length + ' bytes' : data.toString('utf8')));
});
ws.on('pong', (data) => out('PONG ' + data.toString('utf8')));
ws.on('error', (e) => out('ERROR ' + e.message));
ws.on('close', (code, reason) => {
    out('CLOSE ' + code + ' ' + reason.toString('utf8'));
    process.exit(0);
});
