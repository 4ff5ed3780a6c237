"""local message client id

Revision ID: 0003b
Revises: 0005
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003b"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("local_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("client_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.create_index("ix_local_message_client_id", ["chat", "client_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("local_message", schema=None) as batch_op:
        batch_op.drop_index("ix_local_message_client_id")
        batch_op.drop_column("client_id")
