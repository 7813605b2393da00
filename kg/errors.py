"""Errors with one-line messages; the CLI prints ``kg: <message>`` and exits non-zero."""


class KGError(Exception):
    """Base class: anything the user can fix (bad path, bad query, bad graph)."""

    exit_code = 1


class InputError(KGError):
    """A path or document that cannot be read."""

    exit_code = 2


class QueryError(KGError):
    """A SPARQL query that does not parse or cannot run."""

    exit_code = 3


class GraphError(KGError):
    """A graph file that cannot be parsed."""

    exit_code = 4


class EndpointError(KGError):
    """A remote SPARQL server that cannot be reached, refuses our credentials or rejects a request."""

    exit_code = 6
