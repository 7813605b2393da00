"""The event readers: one module per event type, each a function ``read_<type>(ctx, trigger)``
that returns the arguments of the event the trigger names, or None when the sentence does not
support one (:data:`READERS`). They share :class:`kg.nlp.context.Context` and its helpers."""
from __future__ import annotations

from typing import Callable

from kg.model import Argument, EventType
from kg.nlp.context import Context, Trigger
from kg.nlp.readers.appointment import read_appointment
from kg.nlp.readers.deployment import read_deployment
from kg.nlp.readers.statement import read_statement
from kg.nlp.readers.strike import read_strike

READERS: dict[EventType, Callable[[Context, Trigger], list[Argument] | None]] = {
    EventType.DEPLOYMENT: read_deployment,
    EventType.STRIKE: read_strike,
    EventType.APPOINTMENT: read_appointment,
    EventType.STATEMENT: read_statement,
}
