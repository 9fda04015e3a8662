#!/usr/bin/env python3
"""An SMTP server on loopback for the e-mail tests (aiosmtpd, installed by `make setup`).

Saves each message it accepts as NNN.eml in --folder, with NNN.json beside it (envelope sender,
recipients, the user that authenticated), answers the end of DATA with "250 2.0.0 Ok: queued as
TESTNNN", prints "READY <port>" once it listens on 127.0.0.1, and stops when its standard input closes.
--cert/--key: offer STARTTLS and require it; --user/--password: require AUTH; --refuse: answer every
RCPT TO with 550.
"""
import argparse
import json
import socket
import ssl
import sys
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saver:
    def __init__(self, folder, refuse):
        self.folder = Path(folder)
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 <%s>: Recipient address rejected: test refusal" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        number = len(list(self.folder.glob("*.eml"))) + 1
        (self.folder / ("%03d.eml" % number)).write_bytes(envelope.original_content)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        meta = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "user": login}
        (self.folder / ("%03d.json" % number)).write_text(json.dumps(meta))
        return "250 2.0.0 Ok: queued as TEST%03d" % number


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--refuse", action="store_true")
    args = parser.parse_args()

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()

    options = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            good = (isinstance(auth_data, LoginPassword) and auth_data.login == args.user.encode()
                    and auth_data.password == args.password.encode())
            return AuthResult(success=good, handled=False, auth_data=auth_data)
        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=True)
    controller = Controller(Saver(args.folder, args.refuse), hostname="127.0.0.1", port=port,
                            server_hostname="localhost", **options)
    controller.start()
    print("READY %d" % port, flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
