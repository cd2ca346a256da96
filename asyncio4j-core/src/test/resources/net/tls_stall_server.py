# A CPython TLS server that never reads application data: it accepts one connection on
# 127.0.0.1:0, prints "PORT <n>", completes the handshake, prints "HANDSHAKEN", then sleeps with
# the connection open, so its receive window fills and a closing peer cannot flush.
import socket
import ssl
import sys
import time

cert, key = sys.argv[1], sys.argv[2]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
with socket.create_server(("127.0.0.1", 0)) as listener:
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    print("PORT", listener.getsockname()[1], flush=True)
    conn, _ = listener.accept()
    tls = ctx.wrap_socket(conn, server_side=True)
    print("HANDSHAKEN", flush=True)
    time.sleep(60)
