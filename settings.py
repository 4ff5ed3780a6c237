"""Settings of one GridSteward process, validated once at start-up and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent
EXAMPLE_DIRECTORY = PROJECT_ROOT / "examples" / "directory.yaml"
DEFAULT_DATABASE = PROJECT_ROOT / "data" / "gridsteward.sqlite3"

# Crash-test hooks: the process exits hard at this point, as a power cut would.
FAILPOINTS = frozenset({"mid-migration", "after-inbound", "before-send", "after-send"})


class Settings(BaseSettings):
    """Everything a process needs to know; read from GRIDSTEWARD_* variables and the CLI."""

    model_config = SettingsConfigDict(env_prefix="GRIDSTEWARD_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_DATABASE}",
        validation_alias=AliasChoices("DATABASE_URL", "GRIDSTEWARD_DATABASE_URL"),
    )
    directory: Path = EXAMPLE_DIRECTORY
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    log_level: str = "INFO"
    failpoint: str | None = None
    # How long a sender holds a chat without renewing it; after a crash its posts wait this long.
    outbox_lease_seconds: float = Field(default=30.0, ge=1.0)
    # How often the reminder and digest sweeps wake; what is due is read from the database.
    sweep_seconds: float = Field(default=30.0, ge=1.0)
    # The local chat lets whoever reaches it speak as anyone: loopback only, unless this is set.
    expose_local_chat: bool = False
    # Host names (comma-separated) the web server also answers to, on any port: this machine's
    # LAN name when the chat is exposed, or the name a proxy in front of it uses.
    allowed_hosts: str = ""

    def allowed_host_names(self) -> frozenset[str]:
        return frozenset(name.strip() for name in self.allowed_hosts.split(",") if name.strip())

    # WeChat through a Wechaty puppet service (README "WeChat"). The variable names are
    # Wechaty's own, so a gateway's documentation applies as written.
    wechaty_endpoint: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "WECHATY_PUPPET_SERVICE_ENDPOINT", "GRIDSTEWARD_WECHATY_ENDPOINT"
        ),
    )
    wechaty_token: str | None = Field(
        default=None,
        validation_alias=AliasChoices("WECHATY_PUPPET_SERVICE_TOKEN", "GRIDSTEWARD_WECHATY_TOKEN"),
    )
    # WeChat restricts accounts that post fast: at most one post per room this often, and
    # one post in all rooms together this often; posts to one room this close are merged.
    wechat_room_interval_seconds: float = Field(default=3.0, ge=0.0)
    wechat_global_interval_seconds: float = Field(default=1.0, ge=0.0)
    wechat_merge_window_seconds: float = Field(default=10.0, ge=0.0)
    # Reconnecting to the puppet service: the first wait, doubled up to the cap.
    wechat_retry_seconds: float = Field(default=2.0, gt=0.0)
    wechat_retry_max_seconds: float = Field(default=300.0, gt=0.0)
    # Every call to the puppet service gives up after this long (wechaty sets no limit).
    wechat_call_timeout_seconds: float = Field(default=15.0, gt=0.0)
    # Where a copy of residents' images and files is kept; none kept when unset.
    wechat_files_dir: Path | None = None

    @field_validator("wechaty_endpoint", "wechaty_token")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value else None

    @field_validator("failpoint")
    @classmethod
    def _known_failpoint(cls, value: str | None) -> str | None:
        if value and value not in FAILPOINTS:
            raise ValueError(f"unknown failpoint {value!r}; known: {sorted(FAILPOINTS)}")
        return value or None
