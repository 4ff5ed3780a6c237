"""reliability: chat leases for the outbox sender, mention names, local posts counted as sent

One sender holds a chat at a time (outbox_chat_lease) instead of leasing posts one by one;
posts carry the display names of the people they @mention; the local chat no longer drops a
repeated post by outbox id (the post is now written in the transaction that marks it sent),
so its unique constraint becomes a plain index.

Revision ID: 0003
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.columns

revision: str = "0003"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0001 left the unique constraint unnamed; these are the names each database gave it.
LOCAL_OUTBOX_UNIQUE = {"postgresql": "local_message_outbox_id_key"}
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def upgrade() -> None:
    op.create_table(
        "outbox_chat_lease",
        sa.Column("chat", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("holder", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("leased_until", models.columns.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("chat"),
    )
    with op.batch_alter_table("outbox_post", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "mention_names", models.columns.JSONList(), nullable=False, server_default="[]"
            )
        )
        batch_op.drop_column("leased_until")
        batch_op.create_index("ix_outbox_post_chat_unsent", ["chat", "sent_at", "id"])
    _drop_local_outbox_unique()
    with op.batch_alter_table("local_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_local_message_outbox_id"), ["outbox_id"])


def _drop_local_outbox_unique() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # SQLite rebuilds the table; the naming convention lets the batch find the constraint.
        with op.batch_alter_table(
            "local_message", naming_convention=SQLITE_NAMES, recreate="always"
        ) as batch_op:
            batch_op.drop_constraint("uq_local_message_outbox_id", type_="unique")
    else:
        op.drop_constraint(LOCAL_OUTBOX_UNIQUE[dialect], "local_message", type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("local_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_message_outbox_id"))
        batch_op.create_unique_constraint("uq_local_message_outbox_id", ["outbox_id"])
    with op.batch_alter_table("outbox_post", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_post_chat_unsent")
        batch_op.add_column(sa.Column("leased_until", models.columns.UTCDateTime(), nullable=True))
        batch_op.drop_column("mention_names")
    op.drop_table("outbox_chat_lease")
