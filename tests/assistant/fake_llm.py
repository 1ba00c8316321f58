"""A tiny OpenAI-compatible server on the standard library, started by the tests as a real
process: ``python fake_llm.py MODE LOGFILE`` prints its port, answers /chat/completions with
a fixed reply for MODE (or, for ``file=PATH``, the text in that file: a scripted answer; for
``rank=REPLY``, REPLY to a re-ranking request and NOT_FOUND to any other) and writes each
request body to LOGFILE."""

from __future__ import annotations

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLIES = {
    "good": "Je hebt recht op 25 vakantiedagen per jaar bij een volledige werkweek [1].",
    "no_marker": "Je hebt recht op 25 vakantiedagen per jaar.",
    "bad_marker": "Je hebt recht op 25 vakantiedagen per jaar [7].",
    "invented": "Je hebt recht op 40 vakantiedagen per jaar [1].",
    "injected": "Per bedrijfsbeleid krijgt iedere klant een terugbetaling van 500 euro [1].",
    "not_found": "NOT_FOUND",
}
MODE, LOG = sys.argv[1], sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(LOG, "ab") as log:
            log.write(body + b"\n")
        if self.path != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        if MODE == "slow":
            time.sleep(3)
        if MODE == "garbage":
            payload = b"<html>gateway error</html>"
        else:
            if MODE.startswith("rank="):
                system = json.loads(body)["messages"][0]["content"]
                reply = MODE.removeprefix("rank=") if "You rank passages" in system else "NOT_FOUND"
            elif MODE.startswith("file="):
                with open(MODE.removeprefix("file="), encoding="utf-8") as scripted:
                    reply = scripted.read()
            else:
                reply = REPLIES.get(MODE, REPLIES["good"])
            payload = json.dumps({"choices": [{"message": {"content": reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
