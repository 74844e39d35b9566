"""A real SMTP server for the mail tests (aiosmtpd on 127.0.0.1): stores each message it
accepts as DIR/NNNN.eml, and can answer every RCPT with a 4xx or 5xx, or slowly."""
import argparse
import asyncio
import os
import signal
import socket

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.rcpt_delay:
            await asyncio.sleep(self.args.rcpt_delay)
        if self.args.mode == "tempfail":
            return "451 4.3.0 Try again later, the test says"
        if self.args.mode == "permfail":
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.args.dir, "%04d.eml" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--mode", default="ok", choices=["ok", "tempfail", "permfail"])
    p.add_argument("--rcpt-delay", type=float, default=0)
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    # aiosmtpd checks its own port after starting, so it needs a real one: ask the system.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Handler(args), hostname="127.0.0.1", port=port)
    controller.start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.port_file + ".tmp", args.port_file)
    try:
        while True:  # until the test stops us
            signal.pause()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
