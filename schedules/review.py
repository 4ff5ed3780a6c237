"""The 待确认 batch: messages the bot could not decide, listed for the staff in one post.

A post per message would flood the office chat, so the sweep waits until the oldest unlisted
message is REVIEW_BATCH old and then lists every unlisted message of the community at once.
Each message is claimed for the post by a compare-and-set, so two processes never list one
twice; non-urgent, so it waits out the quiet hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from handlers import texts
from handlers.directory import Community, Directory
from handlers.review import review_line
from models.db import Database
from models.review import ReviewItem
from schedules.posts import queue_post
from schedules.quiet import after_quiet_hours, in_quiet_hours

REVIEW_BATCH = timedelta(minutes=15)


def announce_reviews(database: Database, directory: Directory, now: datetime) -> int:
    with database.session() as session:
        posts = announce_waiting(session, directory, now)
        session.commit()
        return posts


def announce_waiting(session: Session, directory: Directory, now: datetime) -> int:
    """One post per community whose oldest unlisted message has waited REVIEW_BATCH."""
    posts = 0
    for community in directory.communities:
        if _quiet(directory, community, now):
            continue
        unlisted = _unlisted(session, community.id)
        if not unlisted or now - unlisted[0].created_at < REVIEW_BATCH:
            continue
        claimed = [item for item in unlisted if _claim(session, item, now)]
        if not claimed:
            continue
        chat = community.digest_chat or community.chats[0]
        queue_post(
            session,
            chat=chat,
            text=texts.review_list(items=[review_line(directory, item) for item in claimed]),
            mentions=_stewards(community, claimed),
            now=now,
        )
        posts += 1
    return posts


def next_review_due(database: Database, directory: Directory, after: datetime) -> datetime | None:
    """When the next batch is due, for replay's clock: the oldest unlisted message + the wait."""
    with database.session() as session:
        query = (
            select(ReviewItem.created_at)
            .where(ReviewItem.state == "waiting", col(ReviewItem.announced_at).is_(None))
            .order_by(col(ReviewItem.created_at))
        )
        oldest = session.exec(query).first()
    if oldest is None:
        return None
    due = max(oldest + REVIEW_BATCH, after)
    window = directory.quiet_hours
    if window and in_quiet_hours(due, window, directory.timezone):
        due = after_quiet_hours(due, window, directory.timezone)
    return due


def _unlisted(session: Session, community: str) -> list[ReviewItem]:
    query = (
        select(ReviewItem)
        .where(
            ReviewItem.community == community,
            ReviewItem.state == "waiting",
            col(ReviewItem.announced_at).is_(None),
        )
        .order_by(col(ReviewItem.id))
        .limit(30)
    )
    return list(session.exec(query))


def _claim(session: Session, item: ReviewItem, now: datetime) -> bool:
    """Mark the item listed unless another process did so first."""
    result = session.connection().execute(
        update(ReviewItem)
        .where(col(ReviewItem.id) == item.id, col(ReviewItem.announced_at).is_(None))
        .values(announced_at=now)
    )
    return result.rowcount == 1


def _quiet(directory: Directory, community: Community, now: datetime) -> bool:
    window = community.quiet_hours
    return bool(window and in_quiet_hours(now, window, directory.timezone))


def _stewards(community: Community, items: list[ReviewItem]) -> list[str]:
    """The stewards of the grids whose chats the messages came from; all grids otherwise."""
    people: list[str] = []
    for item in items:
        grids = [g for g in community.grids if item.chat in g.chats] or list(community.grids)
        people.extend(grid.steward for grid in grids)
    return list(dict.fromkeys(people))
