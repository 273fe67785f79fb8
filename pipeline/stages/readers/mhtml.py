"""MHTML (`.mht`, `.mhtml`): a page saved whole by a browser ("Save as… Webpage, single file"),
a MIME message whose first text/html part is the page; images and styles ride along and are
not read."""

from __future__ import annotations

import email
import email.policy

MHTML_SUFFIXES = (".mht", ".mhtml")


def is_mhtml(path: str) -> bool:
    return path.lower().endswith(MHTML_SUFFIXES)


def html_part(raw: bytes) -> tuple[bytes, str | None] | None:
    """The page's HTML bytes (transfer encoding undone) and the charset its part names; None
    when the message holds no HTML part."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload, part.get_content_charset()
    return None
