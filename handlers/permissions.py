"""Who may do what to a ticket (一格三员 plus the community's secretaries)."""

from __future__ import annotations

from handlers.directory import Directory
from models.ticket import Ticket


def may_work(directory: Directory, person_id: str, ticket: Ticket) -> bool:
    """Claim, progress, resolve, reassign, return: the assignee, the grid's staff and
    supervisor, or one of the community's secretaries."""
    if person_id == ticket.assignee:
        return True
    community = directory.community(ticket.community)
    if community and person_id in community.secretaries:
        return True
    grid = directory.grid(ticket.grid) if ticket.grid else None
    return bool(grid and (person_id in grid.staff or person_id == grid.supervisor))


def may_rate(person_id: str, ticket: Ticket) -> bool:
    """Only the one who reported it says whether it is fixed."""
    return person_id == ticket.reporter


def supervises(directory: Directory, person_id: str, ticket: Ticket) -> bool:
    """Secretaries and supervisors act on a ticket without becoming its assignee."""
    community = directory.community(ticket.community)
    if community and person_id in community.secretaries:
        return True
    grid = directory.grid(ticket.grid) if ticket.grid else None
    return bool(grid and person_id == grid.supervisor)
