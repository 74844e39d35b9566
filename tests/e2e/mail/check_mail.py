"""Reads the messages the test SMTP server stored (DIR/*.eml) with Python's email package,
checks that each is well-formed MIME as the mail issue asks, and prints one JSON line per
message: to, subject, message_id, kind of parts, the first link and the calendar's fields."""
import email
import email.policy
import email.utils
import glob
import json
import re
import sys


def fail(path, why):
    print("BAD %s: %s" % (path, why))
    sys.exit(1)


def main():
    for path in sorted(glob.glob(sys.argv[1] + "/*.eml")):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
            if msg[h] is None:
                fail(path, "no %s header" % h)
        to = msg.get_all("To")
        if len(to) != 1 or len(email.utils.getaddresses(to)) != 1:
            fail(path, "To is not one address: %r" % to)
        if msg["X-Envelope-To"] != email.utils.parseaddr(str(msg["To"]))[1]:
            fail(path, "envelope recipient %s differs from To" % msg["X-Envelope-To"])
        if email.utils.parsedate_to_datetime(str(msg["Date"])) is None:
            fail(path, "Date does not parse")
        if not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(msg["Message-ID"])):
            fail(path, "Message-ID %r" % str(msg["Message-ID"]))
        out = {"to": str(msg["To"]), "subject": str(msg["Subject"]),
               "message_id": str(msg["Message-ID"]), "from": str(msg["From"]),
               "unsubscribe": msg["List-Unsubscribe"] and str(msg["List-Unsubscribe"]),
               "type": msg.get_content_type(), "parts": []}
        text = html = None
        for part in msg.walk():
            if part.is_multipart():
                continue
            ctype = part.get_content_type()
            if part.get_content_charset() not in ("utf-8", None):
                fail(path, "part %s is in %s" % (ctype, part.get_content_charset()))
            out["parts"].append(ctype)
            body = part.get_content()
            if ctype == "text/plain":
                text = body
            elif ctype == "text/html":
                html = body
            elif ctype == "text/calendar":
                out["method_param"] = part.get_param("method")
                try:
                    import icalendar
                    cal = icalendar.Calendar.from_ical(body)
                    out["method"] = str(cal.get("METHOD"))
                    ev = [c for c in cal.walk("VEVENT")][0]
                    out["uid"] = str(ev.get("UID"))
                    out["sequence"] = int(ev.get("SEQUENCE", 0))
                    out["status"] = str(ev.get("STATUS", ""))
                except ImportError:
                    out["method"] = re.search(r"METHOD:(\S+)", body).group(1)
        if text is None:
            fail(path, "no text/plain part")
        m = re.search(r"https?://\S+", text)
        out["link"] = m.group(0) if m else None
        out["text"] = text
        if html is not None and out["link"] and out["link"].replace("&", "&amp;") not in html:
            fail(path, "the HTML part lacks the link")
        print(json.dumps(out))


main()
