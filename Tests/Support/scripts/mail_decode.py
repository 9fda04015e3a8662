#!/usr/bin/env python3
"""Reads a message with Python's email module, as a mail program would, and prints it as JSON:
decoded subject, from and to, the text, each attachment (name, type, base64 bytes), and the longest
line and whether every line ends in CRLF."""
import base64
import email
import email.policy
import json
import sys

raw = open(sys.argv[1], "rb").read()
message = email.message_from_bytes(raw, policy=email.policy.default)
lines = raw.split(b"\n")
body = message.get_body(preferencelist=("plain",))
print(json.dumps({
    "subject": str(message["Subject"]),
    "from": str(message["From"]),
    "to": str(message["To"]),
    "fromName": message["From"].addresses[0].display_name,
    "toName": message["To"].addresses[0].display_name,
    "toAddress": message["To"].addresses[0].addr_spec,
    "body": body.get_content().replace("\r\n", "\n") if body is not None else "",
    "attachments": [
        {"name": part.get_filename(), "type": part.get_content_type(),
         "data": base64.b64encode(part.get_content()).decode()}
        for part in message.iter_attachments()
    ],
    "longestLine": max(len(line.rstrip(b"\r")) for line in lines),
    "crlf": all(line.endswith(b"\r") for line in lines[:-1]),
    "defects": [str(defect) for defect in message.defects],
}))
