"""WeChat quote-replies (引用) in the shapes puppets deliver them, and what they quote."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.inbound import InboundMessage, find_inbound
from models.outbox import OutboxPost

# WeChat's @mention ends with a four-per-em space; people's text elsewhere has plain spaces.
MENTION_SPACE = "\u2005"
MAX_XML = 64_000  # a quote message is a few kilobytes; anything larger is not one
PLATFORM = "wechat"
LOOKBACK = 200  # recent messages searched for the quoted one; older quotes are rare

# 「张女士：#报修 3栋…」 then a line of dashes, then the reply (padlocal and most iPad puppets).
_TEXT_QUOTE = re.compile(
    r"^\s*「(?:(?P<name>[^：:」\n]{1,64})[：:])?(?P<quoted>.*?)」\s*\n"
    r"\s*(?:[-－—]\s*){3,}\n(?P<reply>.*)$",
    re.DOTALL,
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Quote:
    """A reply that quotes an earlier message of the same room."""

    reply: str  # what the person wrote under the quote
    quoted_text: str
    quoted_name: str | None = None  # the display name WeChat shows for the quoted speaker
    quoted_id: str | None = None  # the quoted message's server id, when the puppet gives it


def read_quote(text: str) -> Quote | None:
    """The quote in a message's text, in either shape; None for an ordinary message."""
    stripped = text.strip()
    if stripped.startswith("<"):
        return _xml_quote(stripped)
    match = _TEXT_QUOTE.match(text)
    if match is None:
        return None
    return Quote(
        reply=match["reply"].strip(),
        quoted_text=match["quoted"].strip(),
        quoted_name=(match["name"] or "").strip() or None,
    )


def _xml_quote(text: str) -> Quote | None:
    """WeChat's own quote message: an appmsg of type 57 whose <refermsg> is the quoted one."""
    if len(text) > MAX_XML or "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        return None  # no entity expansion from strangers' messages
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    appmsg = root if root.tag == "appmsg" else root.find("appmsg")
    if appmsg is None or (appmsg.findtext("type") or "").strip() != "57":
        return None
    refer = appmsg.find("refermsg")
    if refer is None:
        return None
    return Quote(
        reply=(appmsg.findtext("title") or "").strip(),
        quoted_text=(refer.findtext("content") or "").strip(),
        quoted_name=(refer.findtext("displayname") or "").strip() or None,
        quoted_id=(refer.findtext("svrid") or "").strip() or None,
    )


def normalise(text: str) -> str:
    """Text as compared between a quote and the message it quotes: spacing does not count."""
    return _WHITESPACE.sub(" ", text.replace(MENTION_SPACE, " ")).strip()


def quotes(quoted_text: str, candidate: str) -> bool:
    """Whether a quote's text stands for `candidate`: the same words, the start of them (WeChat
    shortens long quotes), or a merged post that starts with them."""
    quoted, whole = normalise(quoted_text), normalise(candidate)
    if not quoted or not whole:
        return False
    if quoted == whole:
        return True
    shortest = min(len(quoted), len(whole))
    return shortest >= 8 and (whole.startswith(quoted) or quoted.startswith(whole))


def quoted_message_id(
    session: Session, *, chat_id: str, address: str, quote: Quote, bot_quoted: bool
) -> str | None:
    """The platform id of the message a quote stands for, among the room's recent messages
    and the bot's recent posts there; None when no candidate matches.

    The puppet's server id is taken when this room has a message by that id; otherwise the
    quoted words are looked up, the bot's posts first when the quote names the bot.
    """
    if quote.quoted_id and _known_id(session, chat_id, address, quote.quoted_id):
        return quote.quoted_id
    posts = session.exec(
        select(OutboxPost.sent_message_id, OutboxPost.text)
        .where(OutboxPost.chat == chat_id, col(OutboxPost.sent_message_id).is_not(None))
        .order_by(col(OutboxPost.id).desc())
        .limit(LOOKBACK)
    ).all()
    said = session.exec(
        select(InboundMessage.message_id, InboundMessage.text)
        .where(InboundMessage.channel == PLATFORM, InboundMessage.chat_address == address)
        .order_by(col(InboundMessage.id).desc())
        .limit(LOOKBACK)
    ).all()
    for candidates in (posts, said) if bot_quoted else (said, posts):
        for message_id, text in candidates:
            if message_id and quotes(quote.quoted_text, text):
                return message_id
    return None


def _known_id(session: Session, chat_id: str, address: str, message_id: str) -> bool:
    post = session.exec(
        select(OutboxPost.id).where(
            OutboxPost.chat == chat_id, OutboxPost.sent_message_id == message_id
        )
    ).first()
    return post is not None or (
        find_inbound(session, channel=PLATFORM, chat_address=address, message_id=message_id)
        is not None
    )
