"""Pure domain rules of Klientwebb: identity numbers, money, dates, interest, fees.

Nothing here knows about Flask or the database. Every rule a user can break raises
:class:`InvalidValue` with a short Swedish message that says what to do.
"""


class InvalidValue(ValueError):
    """A value the user typed breaks a rule; ``str(exc)`` is the Swedish message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
